namespace AiFeed.Learning;

/// <summary>The small linear algebra the reference solutions share, on row-major jagged arrays.</summary>
internal static class Tensors
{
    public static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Count; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>A (n × k) times B (k × m).</summary>
    public static double[][] Multiply(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b, string name)
    {
        var inner = b.Count;
        var width = RequireRectangular(b, name);
        if (a.Any(row => row.Length != inner))
        {
            throw new ArgumentException($"'{name}' has {inner} rows, but the rows it multiplies have other lengths", name);
        }

        var product = new double[a.Count][];
        for (var i = 0; i < a.Count; i++)
        {
            product[i] = new double[width];
            for (var k = 0; k < inner; k++)
            {
                var aik = a[i][k];
                for (var j = 0; j < width; j++)
                {
                    product[i][j] += aik * b[k][j];
                }
            }
        }

        return product;
    }

    /// <summary>The common row length, after checking there is at least one row and that all rows are equally long and non-empty.</summary>
    public static int RequireRectangular(IReadOnlyList<double[]> rows, string name)
    {
        if (rows.Count == 0 || rows[0].Length == 0)
        {
            throw new ArgumentException($"'{name}' needs at least one row and one column", name);
        }

        var width = rows[0].Length;
        return rows.All(r => r.Length == width)
            ? width
            : throw new ArgumentException($"every row of '{name}' must have the same length", name);
    }

    /// <summary>A 3-D answer (blocks × rows × columns), row-major.</summary>
    public static NumericValue Answer(IReadOnlyList<double[][]> blocks) =>
        new(
            [blocks.Count, blocks.Count == 0 ? 0 : blocks[0].Length, blocks.Count == 0 || blocks[0].Length == 0 ? 0 : blocks[0][0].Length],
            [.. blocks.SelectMany(b => b.SelectMany(r => r))]);
}
