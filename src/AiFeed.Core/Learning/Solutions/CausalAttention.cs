using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Scaled dot-product attention where query i sees keys 0…i only.</summary>
public sealed class CausalAttention : IReferenceSolution
{
    public const int MaxLength = 128;
    public const int MaxWidth = 16;
    public const double MaxMagnitude = 100;

    public string Id => "causal-attention";

    public static double[][] Compute(IReadOnlyList<double[]> q, IReadOnlyList<double[]> k, IReadOnlyList<double[]> v)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        var dk = Tensors.RequireRectangular(q, nameof(q));
        Tensors.RequireRectangular(v, nameof(v));
        if (Tensors.RequireRectangular(k, nameof(k)) != dk)
        {
            throw new ArgumentException("rows of Q and K must have the same width d_k", nameof(k));
        }

        if (k.Count != q.Count || v.Count != q.Count)
        {
            throw new ArgumentException($"self-attention needs as many keys and values as queries ({q.Count}); got {k.Count} and {v.Count}", nameof(k));
        }

        var scale = 1 / Math.Sqrt(dk);
        var output = new double[q.Count][];
        for (var i = 0; i < q.Count; i++)
        {
            // Masked keys j > i get weight exactly 0, so they are simply left out of the softmax.
            var weights = Softmax.Compute([.. Enumerable.Range(0, i + 1).Select(j => Tensors.Dot(q[i], k[j]) * scale)]);
            output[i] = new double[v[0].Length];
            for (var j = 0; j <= i; j++)
            {
                for (var c = 0; c < output[i].Length; c++)
                {
                    output[i][c] += weights[j] * v[j][c];
                }
            }
        }

        return output;
    }

    /// <summary>
    /// Q, K and V of one head; when large, entries up to ±100 with the first query and key pointing the
    /// same way (magnitudes 30 to 100): the first query sees only the first key, with a score of at
    /// least 30² · d_k / √d_k = 900 √d_k, past 709, so e^score overflows a double.
    /// </summary>
    internal static (double[][] Q, double[][] K, double[][] V) RandomHead(Random random, int n, int dk, int dv, bool large)
    {
        var limit = large ? MaxMagnitude : 2;
        var (q, k) = (CaseRandom.Matrix(random, n, dk, -limit, limit, 1), CaseRandom.Matrix(random, n, dk, -limit, limit, 1));
        if (large)
        {
            for (var c = 0; c < dk; c++)
            {
                var sign = CaseRandom.OneIn(random, 2) ? -1 : 1;
                q[0][c] = sign * CaseRandom.Uniform(random, 30, MaxMagnitude, 1);
                k[0][c] = sign * CaseRandom.Uniform(random, 30, MaxMagnitude, 1);
            }
        }

        return (q, k, CaseRandom.Matrix(random, n, dv, -2, 2, 1));
    }

    public JsonObject Generate(Random random) => Draw(
        random,
        CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 6),
        CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 4),
        CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 3),
        CaseRandom.OneIn(random, 2));

    /// <summary>The longest sequence, the widest head, scores past e^709.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, MaxWidth, MaxWidth, large: true);

    private static JsonObject Draw(Random random, int n, int dk, int dv, bool large)
    {
        var (q, k, v) = RandomHead(random, n, dk, dv, large);
        return new JsonObject { ["q"] = InputReader.ToJson(q), ["k"] = InputReader.ToJson(k), ["v"] = InputReader.ToJson(v) };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Matrix(Compute(InputReader.Matrix(input, "q"), InputReader.Matrix(input, "k"), InputReader.Matrix(input, "v")));

    // With all scores equal, query i spreads its weight evenly over the i + 1 keys it may see.
    public PlotSpec Plot() => new(
        "Weight on each visible key when all scores are equal: 1/(i + 1) under the causal mask",
        "query position i",
        "weight per visible key",
        0,
        31,
        0,
        1,
        [
            new PlotSeries("causal", PlotSpec.Sample(0, 31, 32, i => 1 / (i + 1))),
            new PlotSeries("no mask, 32 keys", PlotSpec.Sample(0, 31, 32, _ => 1.0 / 32)),
        ]);
}
