using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>A batch's 0/1 attention masks: causal, padding (left or right) and a sliding window, combined.</summary>
public sealed class AttentionMask : IReferenceSolution
{
    public const int MaxBatch = 8;
    public const int MaxLength = 32;
    public static readonly string[] Sides = ["left", "right"];

    public string Id => "attention-mask";

    public static double[][][] Compute(IReadOnlyList<int> lengths, int maxLength, string paddingSide, int window)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(paddingSide);
        if (maxLength < 1 || lengths.Count == 0 || lengths.Any(l => l < 0 || l > maxLength))
        {
            throw new ArgumentException("need max_len ≥ 1 and lengths between 0 and max_len", nameof(lengths));
        }

        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "window must be at least 1 (the token itself)");
        }

        var right = paddingSide switch
        {
            "right" => true,
            "left" => false,
            _ => throw new ArgumentException($"padding_side must be \"left\" or \"right\", not \"{paddingSide}\"", nameof(paddingSide)),
        };

        return [.. lengths.Select(length =>
        {
            // The real tokens occupy [first, last]; the rest of the row is padding.
            var first = right ? 0 : maxLength - length;
            var last = right ? length - 1 : maxLength - 1;
            return Enumerable.Range(0, maxLength)
                .Select(i => Enumerable.Range(0, maxLength).Select(j => j >= first && j <= last && j <= i && i - j < window ? 1.0 : 0.0).ToArray())
                .ToArray();
        })];
    }

    public JsonObject Generate(Random random)
    {
        var maxLength = CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 6);
        return Draw(
            random,
            CaseRandom.OneIn(random, 4) ? MaxBatch : CaseRandom.Between(random, 1, 3),
            maxLength,
            CaseRandom.Pick(random, Sides),
            CaseRandom.OneIn(random, 3) ? maxLength : CaseRandom.Between(random, 1, maxLength + 1));
    }

    /// <summary>The largest batch of the longest rows, left-padded (padding queries see nothing), with a window shorter than the row.</summary>
    public JsonObject GenerateAtLimits(Random random) =>
        Draw(random, MaxBatch, MaxLength, "left", CaseRandom.Between(random, 2, MaxLength / 2));

    private static JsonObject Draw(Random random, int batch, int maxLength, string side, int window)
    {
        // An empty and a full row come first when there is room for them.
        var lengths = Enumerable.Range(0, batch).Select(b => (double)(batch >= 3 && b == 0 ? 0 : batch >= 3 && b == 1 ? maxLength : CaseRandom.Between(random, 0, maxLength)));
        return new JsonObject
        {
            ["lengths"] = InputReader.ToJson(lengths),
            ["max_len"] = maxLength,
            ["padding_side"] = side,
            ["window"] = window,
        };
    }

    public NumericValue Solve(JsonObject input) => Tensors.Answer(Compute(
        InputReader.Integers(input, "lengths"),
        InputReader.Integer(input, "max_len"),
        InputReader.Choice(input, "padding_side", Sides),
        InputReader.Integer(input, "window")));

    // Through stacked layers a sliding window reaches further back: L layers of window w see L·(w − 1) + 1 positions.
    public PlotSpec Plot() => new(
        "How far back position 4096 can draw information from, window w = 1024 vs full causal attention",
        "layers",
        "positions reachable",
        1,
        8,
        0,
        4500,
        [
            new PlotSeries("sliding window, w = 1024", PlotSpec.Sample(1, 8, 8, layers => Math.Min(4097, (layers * 1023) + 1))),
            new PlotSeries("full causal", PlotSpec.Sample(1, 8, 8, _ => 4097)),
        ]);
}
