using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>(n × d_model) → (heads × n × d_model/heads): head h takes columns h·d_h … (h + 1)·d_h − 1 of every row.</summary>
public sealed class SplitHeads : IReferenceSolution
{
    public const int MaxLength = 64;
    public const int MaxWidth = 64;
    private static readonly int[] HeadCounts = [1, 2, 2, 4, 4, 8];

    public string Id => "split-heads";

    public static double[][][] Compute(IReadOnlyList<double[]> x, int heads)
    {
        ArgumentNullException.ThrowIfNull(x);
        var d = Tensors.RequireRectangular(x, nameof(x));
        if (heads < 1 || d % heads != 0)
        {
            throw new ArgumentException($"num_heads must divide the width {d}", nameof(heads));
        }

        var width = d / heads;
        return [.. Enumerable.Range(0, heads).Select(h => x.Select(row => row[(h * width)..((h + 1) * width)]).ToArray())];
    }

    public JsonObject Generate(Random random)
    {
        var heads = CaseRandom.Pick(random, HeadCounts);
        return Draw(random, CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 4), CaseRandom.OneIn(random, 4) ? MaxWidth : heads * CaseRandom.Between(random, 1, 3), heads);
    }

    /// <summary>The longest, widest input, split into 8 heads (a plain reshape without the transpose is wrong here).</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, MaxWidth, 8);

    private static JsonObject Draw(Random random, int n, int d, int heads) =>
        new() { ["x"] = InputReader.ToJson(CaseRandom.Matrix(random, n, d, -9, 9, 1)), ["num_heads"] = heads };

    public NumericValue Solve(JsonObject input) =>
        Tensors.Answer(Compute(InputReader.Matrix(input, "x"), InputReader.Integer(input, "num_heads")));

    // Splitting costs no arithmetic: h heads of width d/h do the multiply-adds of one head of width d,
    // but each head keeps its own n × n score matrix.
    public PlotSpec Plot() => new(
        "Splitting d_model into h heads, relative to one head of full width",
        "heads h",
        "relative to one head",
        1,
        16,
        0,
        16,
        [
            new PlotSeries("multiply-adds for the scores", PlotSpec.Sample(1, 16, 16, _ => 1)),
            new PlotSeries("score-matrix entries", PlotSpec.Sample(1, 16, 16, h => h)),
        ]);
}
