using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>exp of the mean negative log-probability of the observed tokens, summed in log space.</summary>
public sealed class Perplexity : IReferenceSolution
{
    public const int MaxLength = 5000;

    public string Id => "perplexity";

    public static double Compute(IReadOnlyList<double> probs)
    {
        ArgumentNullException.ThrowIfNull(probs);
        if (probs.Count == 0)
        {
            throw new ArgumentException("the perplexity of no tokens is undefined", nameof(probs));
        }

        var logSum = 0.0;
        for (var i = 0; i < probs.Count; i++)
        {
            if (!(probs[i] > 0 && probs[i] <= 1))
            {
                throw new ArgumentException($"probs[{i}] = {probs[i]} is not a probability in (0, 1]", nameof(probs));
            }

            // Multiplying the probabilities first would underflow to 0 after a few hundred tokens.
            logSum += Math.Log(probs[i]);
        }

        return Math.Exp(-logSum / probs.Count);
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.Between(random, 0, 3) switch
        {
            0 => MaxLength,
            1 => CaseRandom.Between(random, 1000, MaxLength),
            _ => CaseRandom.Between(random, 1, 10),
        };
        return new JsonObject { ["probs"] = InputReader.ToJson(CaseRandom.Vector(random, n, 0.001, 1, 3)) };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(Compute(InputReader.Vector(input, "probs")));

    public PlotSpec Plot() => new(
        "Perplexity e^L against the mean cross-entropy L (in nats)",
        "mean loss L",
        "perplexity",
        0,
        5,
        0,
        150,
        [new PlotSeries("e^L", PlotSpec.Sample(0, 5, 101, Math.Exp))]);
}
