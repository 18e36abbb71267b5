using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// A number, a vector or a matrix: the shape of every answer a problem asks for. Data is row-major;
/// an empty shape is a scalar.
/// </summary>
public sealed record NumericValue(int[] Shape, double[] Data)
{
    public static NumericValue Scalar(double value) => new([], [value]);

    public static NumericValue Vector(IReadOnlyList<double> values) => new([values.Count], [.. values]);

    public static NumericValue Matrix(double[,] values)
    {
        var rows = values.GetLength(0);
        var columns = values.GetLength(1);
        var data = new double[rows * columns];
        Buffer.BlockCopy(values, 0, data, 0, data.Length * sizeof(double));
        return new([rows, columns], data);
    }

    /// <summary>A matrix from rows of equal length.</summary>
    public static NumericValue Matrix(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != columns))
        {
            throw new ArgumentException("every row of a matrix must have the same length", nameof(rows));
        }

        return new([rows.Count, columns], [.. rows.SelectMany(r => r)]);
    }

    public string DescribeShape() => Shape.Length switch
    {
        0 => "a number",
        1 => $"an array of {Shape[0]} numbers",
        _ => $"a {string.Join('×', Shape)} array of arrays of numbers",
    };

    public bool SameShape(NumericValue other) => Shape.AsSpan().SequenceEqual(other.Shape);

    /// <summary>The position of a row-major index as "[i][j]".</summary>
    public string IndexText(int flatIndex)
    {
        var indices = new int[Shape.Length];
        for (var d = Shape.Length - 1; d >= 0; d--)
        {
            indices[d] = flatIndex % Shape[d];
            flatIndex /= Shape[d];
        }

        return string.Concat(indices.Select(i => $"[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]"));
    }

    /// <summary>Rounds half away from zero, the rule the problem statements use.</summary>
    public NumericValue Round(int decimals) =>
        this with { Data = [.. Data.Select(d => Math.Round(d, decimals, MidpointRounding.AwayFromZero))] };

    public JsonNode ToJson() => Build(0, 0).Node;

    /// <summary>Reads a JSON number or (nested) array of numbers; null with a reason when it is neither.</summary>
    public static NumericValue? TryParse(JsonElement element, out string? error)
    {
        error = null;
        var shape = new List<int>();
        var probe = element;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            shape.Add(probe.GetArrayLength());
            if (probe.GetArrayLength() == 0)
            {
                break;
            }

            probe = probe[0];
        }

        var data = new List<double>();
        if (!Collect(element, 0, [.. shape], data, ref error))
        {
            return null;
        }

        return new NumericValue([.. shape], [.. data]);
    }

    private static bool Collect(JsonElement element, int depth, int[] shape, List<double> data, ref string? error)
    {
        if (depth == shape.Length)
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number) && double.IsFinite(number))
            {
                data.Add(number);
                return true;
            }

            // System.Text.Json refuses a number beyond ±1.8e308 instead of reading it as infinity.
            error = element.ValueKind switch
            {
                JsonValueKind.Number => $"{Shorten(element.GetRawText())} overflows a double (the largest is about 1.8e308); a correct answer is a finite number",
                JsonValueKind.String => $"\"{Shorten(element.GetString()!)}\" is a string; send the number itself, without quotes",
                _ => $"{Shorten(element.GetRawText())} is not a number",
            };
            return false;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            error = $"{Shorten(element.GetRawText())} stands where an array was expected: not a rectangular array of numbers";
            return false;
        }

        if (element.GetArrayLength() != shape[depth])
        {
            error = $"an array of {element.GetArrayLength()} stands beside arrays of {shape[depth]}: rows must all have the same length";
            return false;
        }

        foreach (var item in element.EnumerateArray())
        {
            if (!Collect(item, depth + 1, shape, data, ref error))
            {
                return false;
            }
        }

        return true;
    }

    private (JsonNode Node, int Next) Build(int depth, int offset)
    {
        if (depth == Shape.Length)
        {
            return (JsonValue.Create(Data[offset]), offset + 1);
        }

        var array = new JsonArray();
        for (var i = 0; i < Shape[depth]; i++)
        {
            var (node, next) = Build(depth + 1, offset);
            array.Add(node);
            offset = next;
        }

        return (array, offset);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : string.Concat(text.AsSpan(0, 20), "…");

    public override string ToString() => ToJson().ToJsonString();
}
