using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>ALiBi's per-head slopes, with the paper's rule for head counts that are not powers of two.</summary>
public sealed class AlibiSlopes : IReferenceSolution
{
    public const int MaxHeads = 256;
    private static readonly int[] PlottedHeads = [0, 1, 3, 7];

    public string Id => "alibi-slopes";

    public static double[] Compute(int heads)
    {
        if (heads is < 1 or > MaxHeads)
        {
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"num_heads must be 1 to {MaxHeads}");
        }

        var closest = 1 << (31 - int.LeadingZeroCount(heads));
        if (closest == heads)
        {
            // A geometric sequence starting at 2^(−8/n) with that same ratio: 2^(−8k/n), k = 1…n.
            return [.. Enumerable.Range(1, heads).Select(k => Math.Pow(2, -8.0 * k / heads))];
        }

        // The closest power of two's slopes, then every other slope of twice that many heads.
        return [.. Compute(closest), .. Compute(2 * closest).Where((_, i) => i % 2 == 0).Take(heads - closest)];
    }

    public JsonObject Generate(Random random) => new()
    {
        ["num_heads"] = CaseRandom.OneIn(random, 4) ? 1 << CaseRandom.Between(random, 0, 8) : CaseRandom.Between(random, 1, MaxHeads),
    };

    /// <summary>A head count near the limit that is not a power of two, where the slopes interleave two sequences.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var heads = CaseRandom.Between(random, MaxHeads / 2 + 1, MaxHeads - 1);
        return new JsonObject { ["num_heads"] = heads };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(InputReader.Integer(input, "num_heads")));

    public PlotSpec Plot()
    {
        var slopes = Compute(8);
        return new PlotSpec(
            "ALiBi bias −m·(i − j) added to attention scores, heads 1, 2, 4 and 8 of 8",
            "distance i − j between query and key",
            "bias",
            0,
            32,
            -16,
            0,
            [.. PlottedHeads.Select(h => new PlotSeries($"head {h + 1}: m = {slopes[h]}", PlotSpec.Sample(0, 32, 33, distance => -slopes[h] * distance)))]);
    }
}
