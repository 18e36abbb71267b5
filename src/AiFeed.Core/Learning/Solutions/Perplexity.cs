using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Corpus perplexity e^{−(Σ ln p) / (number of tokens)} over documents of per-token log-probabilities.</summary>
public sealed class Perplexity : IReferenceSolution
{
    private const int MaxDocuments = 4;
    private const int MaxDocumentLength = 2500;

    public string Id => "perplexity";

    public static double Compute(IReadOnlyList<double[]> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        double total = 0;
        long tokens = 0;
        foreach (var logProbabilities in documents)
        {
            StableMath.RequireFinite(logProbabilities, nameof(documents));
            if (logProbabilities.Any(lp => lp > 0))
            {
                throw new ArgumentException("a log-probability cannot exceed 0", nameof(documents));
            }

            // Sum the logs: the product of 10^4 probabilities underflows long before the root is taken.
            total += logProbabilities.Sum();
            tokens += logProbabilities.Length;
        }

        return tokens > 0
            ? Math.Exp(-total / tokens)
            : throw new ArgumentException("perplexity needs at least one token", nameof(documents));
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(Compute(InputReader.Matrix(input, "documents")));

    public PlotSpec Plot() => new(
        "Perplexity against the mean loss per token",
        "mean negative log-likelihood, nats per token",
        "perplexity",
        0,
        5,
        0,
        150,
        [new PlotSeries("e^loss", PlotSpec.Sample(0, 5, 101, Math.Exp))]);

    // Long cases hold 4 documents of 2,500 tokens, 10^4 in all: their probabilities multiply to 0 in
    // a double long before the root is taken.
    private static JsonObject Case(Random random, bool lengthy)
    {
        var documents = Enumerable.Range(0, lengthy ? MaxDocuments : CaseRandom.Between(random, 1, MaxDocuments))
            .Select(_ => CaseRandom.Vector(random, lengthy ? MaxDocumentLength : CaseRandom.Between(random, 1, 10), -8, 0, 3));
        return new JsonObject { ["documents"] = InputReader.ToJson(documents) };
    }
}
