using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>softmax(Q Kᵀ / √d_k) V for one head, without masking.</summary>
public sealed class ScaledDotProductAttention : IReferenceSolution
{
    public string Id => "scaled-dot-product-attention";

    public static double[][] Compute(IReadOnlyList<double[]> q, IReadOnlyList<double[]> k, IReadOnlyList<double[]> v)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        if (q.Count == 0 || k.Count == 0)
        {
            throw new ArgumentException("Q and K need at least one row", nameof(q));
        }

        if (k.Count != v.Count)
        {
            throw new ArgumentException($"K has {k.Count} rows but V has {v.Count}", nameof(v));
        }

        var dk = q[0].Length;
        if (dk == 0 || q.Concat(k).Any(row => row.Length != dk))
        {
            throw new ArgumentException("every row of Q and K must have the same non-zero length d_k", nameof(k));
        }

        var dv = v[0].Length;
        if (v.Any(row => row.Length != dv))
        {
            throw new ArgumentException("every row of V must have the same length", nameof(v));
        }

        var scale = 1 / Math.Sqrt(dk);
        var output = new double[q.Count][];
        for (var i = 0; i < q.Count; i++)
        {
            var scores = k.Select(key => Dot(q[i], key) * scale).ToArray();
            var weights = Softmax.Compute(scores);
            output[i] = new double[dv];
            for (var j = 0; j < k.Count; j++)
            {
                for (var c = 0; c < dv; c++)
                {
                    output[i][c] += weights[j] * v[j][c];
                }
            }
        }

        return output;
    }

    public JsonObject Generate(Random random)
    {
        var queries = CaseRandom.Between(random, 1, 3);
        var keys = CaseRandom.Between(random, 2, 4);
        var dk = CaseRandom.Between(random, 2, 4);
        var dv = CaseRandom.Between(random, 1, 3);
        return new JsonObject
        {
            ["q"] = InputReader.ToJson(CaseRandom.Matrix(random, queries, dk, -2, 2, 1)),
            ["k"] = InputReader.ToJson(CaseRandom.Matrix(random, keys, dk, -2, 2, 1)),
            ["v"] = InputReader.ToJson(CaseRandom.Matrix(random, keys, dv, -2, 2, 1)),
        };
    }

    /// <summary>
    /// Entries up to ±40 with the first key pointing along the first query (same signs, magnitudes
    /// 25 to 40): that score is at least 2 · 25² / √2 ≈ 884, and e^884 overflows a double, so a
    /// softmax without the max-shift gives ∞ / ∞.
    /// </summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var (queries, keys, dk, dv) = (CaseRandom.Between(random, 2, 4), CaseRandom.Between(random, 3, 6), CaseRandom.Between(random, 2, 4), CaseRandom.Between(random, 1, 3));
        var q = CaseRandom.Matrix(random, queries, dk, -40, 40, 1);
        var k = CaseRandom.Matrix(random, keys, dk, -40, 40, 1);
        for (var c = 0; c < dk; c++)
        {
            var sign = CaseRandom.Between(random, 0, 1) == 0 ? -1 : 1;
            q[0][c] = sign * CaseRandom.Uniform(random, 25, 40, 1);
            k[0][c] = sign * CaseRandom.Uniform(random, 25, 40, 1);
        }

        return new JsonObject
        {
            ["q"] = InputReader.ToJson(q),
            ["k"] = InputReader.ToJson(k),
            ["v"] = InputReader.ToJson(CaseRandom.Matrix(random, keys, dv, -2, 2, 1)),
        };
    }

    public NumericValue Solve(JsonObject input)
    {
        var result = Compute(InputReader.Matrix(input, "q"), InputReader.Matrix(input, "k"), InputReader.Matrix(input, "v"));
        var matrix = new double[result.Length, result[0].Length];
        for (var i = 0; i < result.Length; i++)
        {
            for (var j = 0; j < result[i].Length; j++)
            {
                matrix[i, j] = result[i][j];
            }
        }

        return NumericValue.Matrix(matrix);
    }

    // One key of eight scores s above the rest; without the 1/√d_k scale (d_k = 64) its weight
    // saturates near 1 while s is still modest, which is the vanishing-gradient regime.
    public PlotSpec Plot() => new(
        "Weight on the best of 8 keys, d_k = 64",
        "raw score margin s = q·k_best − q·k_other",
        "attention weight",
        0,
        40,
        0,
        1,
        [
            new PlotSeries("unscaled softmax", PlotSpec.Sample(0, 40, 161, s => Math.Exp(s) / (Math.Exp(s) + 7))),
            new PlotSeries("scaled by 1/√64", PlotSpec.Sample(0, 40, 161, s => Math.Exp(s / 8) / (Math.Exp(s / 8) + 7))),
        ]);

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
