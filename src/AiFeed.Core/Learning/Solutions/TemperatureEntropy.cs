using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The entropy, in nats, of softmax(z / T) for each temperature T.</summary>
public sealed class TemperatureEntropy : IReferenceSolution
{
    private const int MaxLogits = 10_000;
    private static readonly double[] PlottedLogits = [2, 1, 0, -1];

    public string Id => "temperature-entropy";

    public static double[] Compute(IReadOnlyList<double> logits, IReadOnlyList<double> temperatures)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(temperatures);
        if (logits.Count == 0 || temperatures.Count == 0)
        {
            throw new ArgumentException("need at least one logit and one temperature", nameof(logits));
        }

        StableMath.RequireFinite(logits, nameof(logits));
        return [.. temperatures.Select((t, i) => t is > 0 and < double.PositiveInfinity
            ? Entropy(logits, t)
            : throw new ArgumentException($"temperatures[{i}] = {t} must be positive; T → 0 is greedy decoding, whose entropy is 0", nameof(temperatures)))];
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, cold: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, cold: true);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Vector(input, "logits"), InputReader.Vector(input, "temperatures")));

    public PlotSpec Plot() => new(
        "Entropy of softmax([2, 1, 0, −1] / T)",
        "temperature T",
        "entropy, nats",
        0,
        5,
        0,
        1.5,
        [
            new PlotSeries("H(T)", PlotSpec.Sample(0.02, 5, 250, t => Entropy(PlottedLogits, t))),
            new PlotSeries("ln 4, the uniform limit", PlotSpec.Sample(0, 5, 2, _ => Math.Log(4))),
        ]);

    private static double Entropy(IReadOnlyList<double> logits, double temperature)
    {
        var scaled = logits.Select(z => z / temperature).ToArray();
        var logProbabilities = StableMath.LogSoftmax(scaled);
        // −Σ p ln p with ln p taken from log-softmax: an underflowed p contributes 0.
        return 0.0 - logProbabilities.Sum(lp => Math.Exp(lp) * lp);
    }

    // Cold cases pair logits of ±50 with T down to 0.01: z / T reaches ±5000 and e^5000 overflows,
    // while an underflowed p makes p · ln p = 0 · (−∞) in the textbook formula.
    private static JsonObject Case(Random random, bool lengthy, bool cold)
    {
        var count = lengthy ? MaxLogits : CaseRandom.Between(random, 2, 8);
        var temperatures = Enumerable.Range(0, CaseRandom.Between(random, 1, 5))
            .Select(_ => cold ? CaseRandom.Uniform(random, 0.01, 0.2, 2) : CaseRandom.Uniform(random, 0.2, 5, 2))
            .ToArray();
        var logits = CaseRandom.Vector(random, count, cold ? -50 : -5, cold ? 50 : 5, 2);
        if (cold)
        {
            temperatures[0] = 0.01;
            logits[0] = 50;
        }

        return new JsonObject { ["logits"] = InputReader.ToJson(logits), ["temperatures"] = InputReader.ToJson(temperatures) };
    }
}
