using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>ROUGE-L (Lin, 2004): precision, recall and F1 of the longest common subsequence of two token lists.</summary>
public sealed class RougeL : IReferenceSolution
{
    private const int PlottedReference = 20;
    private const int MaxSource = 1000;

    public string Id => "rouge-l";

    /// <summary>[precision, recall, F1]; all 0 when nothing is shared.</summary>
    public static double[] Compute(string candidate, string reference)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        var c = TextTokens.Split(candidate);
        var r = TextTokens.Split(reference);
        var lcs = LongestCommonSubsequence(c, r);
        return lcs == 0 ? [0, 0, 0] : Scores(lcs, c.Length, r.Length);
    }

    public JsonObject Generate(Random random) => Case(random, CaseRandom.Between(random, 0, 3) == 0 ? CaseRandom.Between(random, 300, MaxSource) : CaseRandom.Between(random, 1, 15));

    // At the stated 1000-word source a recursive LCS without a table takes forever.
    public JsonObject GenerateAtLimits(Random random) => Case(random, MaxSource);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Text(input, "candidate"), InputReader.Text(input, "reference")));

    // A candidate that copies the first c tokens of a 20-token reference (and adds unrelated words
    // past 20): recall grows until the whole reference is covered, precision falls after it.
    public PlotSpec Plot()
    {
        double Score(double length, int which) => Scores(Math.Min(length, PlottedReference), length, PlottedReference)[which];
        return new PlotSpec(
            "Candidate copying a 20-token reference's first c tokens, then adding others",
            "candidate length c",
            "score",
            1,
            40,
            0,
            1,
            [
                new PlotSeries("precision", PlotSpec.Sample(1, 40, 40, c => Score(c, 0))),
                new PlotSeries("recall", PlotSpec.Sample(1, 40, 40, c => Score(c, 1))),
                new PlotSeries("F1", PlotSpec.Sample(1, 40, 40, c => Score(c, 2))),
            ]);
    }

    private static double[] Scores(double lcs, double candidateLength, double referenceLength)
    {
        var precision = lcs / candidateLength;
        var recall = lcs / referenceLength;
        return [precision, recall, 2 * precision * recall / (precision + recall)];
    }

    // One row of the O(n·m) table at a time: O(m) memory.
    private static int LongestCommonSubsequence(string[] a, string[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var word in a)
        {
            for (var j = 0; j < b.Length; j++)
            {
                current[j + 1] = string.Equals(word, b[j], StringComparison.Ordinal) ? previous[j] + 1 : Math.Max(previous[j + 1], current[j]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static JsonObject Case(Random random, int length)
    {
        var reference = TextTokens.Sentence(random, length);
        var candidate = CaseRandom.Between(random, 0, 4) == 0 ? TextTokens.Sentence(random, CaseRandom.Between(random, 1, length)) : TextTokens.Edit(random, reference);
        return new JsonObject { ["candidate"] = TextTokens.Join(candidate), ["reference"] = TextTokens.Join(reference) };
    }
}
