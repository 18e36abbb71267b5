using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Causal grouped-query attention: query head h reads key/value head ⌊h / (H_q / H_kv)⌋.</summary>
public sealed class GroupedQueryAttention : IReferenceSolution
{
    public const int MaxQueryHeads = 16;
    public const int MaxLength = 32;
    public const int MaxWidth = 16;
    private static readonly int[] KeyValueHeadCounts = [1, 1, 2, 4];

    public string Id => "grouped-query-attention";

    public static double[][][] Compute(IReadOnlyList<double[][]> q, IReadOnlyList<double[][]> k, IReadOnlyList<double[][]> v)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        if (q.Count == 0 || k.Count == 0 || k.Count != v.Count || q.Count % k.Count != 0)
        {
            throw new ArgumentException($"need as many value heads as key heads, dividing the {q.Count} query heads; got {k.Count} and {v.Count}", nameof(k));
        }

        var group = q.Count / k.Count;
        return [.. q.Select((head, h) => CausalAttention.Compute(head, k[h / group], v[h / group]))];
    }

    public JsonObject Generate(Random random)
    {
        var kvHeads = CaseRandom.Pick(random, KeyValueHeadCounts);
        return Draw(
            random,
            CaseRandom.OneIn(random, 4) ? MaxQueryHeads : kvHeads * CaseRandom.Between(random, 1, 3),
            kvHeads,
            CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 4),
            CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 4),
            CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 3),
            CaseRandom.OneIn(random, 2));
    }

    /// <summary>16 query heads sharing 4 key/value heads (a wrong grouping shows), at the longest and widest, with scores past e^709.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxQueryHeads, 4, MaxLength, MaxWidth, MaxWidth, large: true);

    private static JsonObject Draw(Random random, int qHeads, int kvHeads, int n, int dk, int dv, bool large)
    {
        var heads = Enumerable.Range(0, qHeads).Select(_ => CausalAttention.RandomHead(random, n, dk, dv, large)).ToList();
        return new JsonObject
        {
            ["q"] = InputReader.ToJson(heads.Select(h => h.Q)),
            ["k"] = InputReader.ToJson(heads.Take(kvHeads).Select(h => h.K)),
            ["v"] = InputReader.ToJson(heads.Take(kvHeads).Select(h => h.V)),
        };
    }

    public NumericValue Solve(JsonObject input) =>
        Tensors.Answer(Compute(InputReader.Tensor(input, "q"), InputReader.Tensor(input, "k"), InputReader.Tensor(input, "v")));

    // LLaMA 2 70B's shape: 80 layers, 64 query heads of width 128, in 16-bit numbers.
    public PlotSpec Plot() => new(
        "Key/value cache per token of a 70B-parameter model (80 layers, head width 128, 2 bytes) against KV heads",
        "key/value heads",
        "kilobytes per token",
        1,
        64,
        0,
        2700,
        [new PlotSeries("2 · layers · KV heads · 128 · 2 bytes", PlotSpec.Sample(1, 64, 64, h => 2.0 * 80 * h * 128 * 2 / 1024))]);
}
