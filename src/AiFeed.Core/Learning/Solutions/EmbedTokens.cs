using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The original transformer's input layer: √d_model · E[token] + PE(position).</summary>
public sealed class EmbedTokens : IReferenceSolution
{
    public const int MaxTokens = 256;
    public const int MaxVocabulary = 100;
    public const int MaxWidth = 32;

    public string Id => "embed-tokens";

    public static double[][] Compute(IReadOnlyList<int> ids, IReadOnlyList<double[]> table)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(table);
        var d = Tensors.RequireRectangular(table, nameof(table));
        if (d % 2 != 0)
        {
            throw new ArgumentException($"the embedding width {d} must be even: positional dimensions come in sine/cosine pairs", nameof(table));
        }

        if (ids.Count == 0 || ids.Any(id => id < 0 || id >= table.Count))
        {
            throw new ArgumentException($"ids must be a non-empty list of rows of the table, 0 to {table.Count - 1}", nameof(ids));
        }

        var scale = Math.Sqrt(d);
        return [.. ids.Select((id, pos) => table[id].Select((e, j) => (scale * e) + PositionalEncoding.Value(pos, j, d)).ToArray())];
    }

    public JsonObject Generate(Random random) => Draw(
        random,
        CaseRandom.OneIn(random, 4) ? MaxVocabulary : CaseRandom.Between(random, 1, 12),
        2 * (CaseRandom.OneIn(random, 4) ? MaxWidth / 2 : CaseRandom.Between(random, 1, 4)),
        CaseRandom.OneIn(random, 4) ? MaxTokens : CaseRandom.Between(random, 1, 8));

    /// <summary>The longest sequence over the largest, widest table.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxVocabulary, MaxWidth, MaxTokens);

    private static JsonObject Draw(Random random, int vocabulary, int width, int n) =>
        new()
        {
            ["ids"] = InputReader.ToJson(Enumerable.Range(0, n).Select(_ => (double)CaseRandom.Between(random, 0, vocabulary - 1))),
            ["table"] = InputReader.ToJson(CaseRandom.Matrix(random, vocabulary, width, -1, 1, 2)),
        };

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Matrix(Compute(InputReader.Integers(input, "ids"), InputReader.Matrix(input, "table")));

    // Why the scale: entries of a trained table are small (about 0.02 at initialisation in GPT-2), the
    // encoding's are up to 1. The picture compares the norms of the two parts as d_model grows.
    public PlotSpec Plot() => new(
        "Size of the two parts of an input vector: embedding rows of std 1/√d, encoding of norm √(d/2)",
        "d_model",
        "Euclidean norm",
        2,
        512,
        0,
        24,
        [
            new PlotSeries("E[token] (std 1/√d)", PlotSpec.Sample(2, 512, 256, _ => 1)),
            new PlotSeries("√d · E[token]", PlotSpec.Sample(2, 512, 256, d => Math.Sqrt(d))),
            new PlotSeries("PE(pos)", PlotSpec.Sample(2, 512, 256, d => Math.Sqrt(d / 2))),
        ]);
}
