using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The distribution a sampler draws from after temperature, top-k and then top-p (nucleus) filtering.</summary>
public sealed class SamplingFilter : IReferenceSolution
{
    private const int MaxLogits = 10_000;
    private static readonly double[] TopPs = [0.5, 0.8, 0.9, 0.95, 1];

    public string Id => "sampling-filter";

    public static double[] Compute(IReadOnlyList<double> logits, double temperature, double topK, double topP)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Count == 0)
        {
            throw new ArgumentException("need at least one logit", nameof(logits));
        }

        StableMath.RequireFinite(logits, nameof(logits));
        if (!(temperature is > 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException($"temperature = {temperature} must be positive", nameof(temperature));
        }

        if (topK < 0 || topK != Math.Floor(topK))
        {
            throw new ArgumentException($"top_k = {topK} must be a whole number ≥ 0 (0: no limit)", nameof(topK));
        }

        if (!(topP is > 0 and <= 1))
        {
            throw new ArgumentException($"top_p = {topP} must lie in (0, 1]", nameof(topP));
        }

        var kept = Kept(logits, temperature, topK, topP, out var weights);
        var mass = kept.Sum(i => weights[i]);
        var probabilities = new double[logits.Count];
        foreach (var i in kept)
        {
            probabilities[i] = weights[i] / mass;
        }

        return probabilities;
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, extreme: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "logits"), InputReader.Number(input, "temperature"), InputReader.Number(input, "top_k"), InputReader.Number(input, "top_p")));

    // Zipf-like logits −ln(rank): the nucleus of p = 0.9 holds few tokens when T is low, many when high.
    public PlotSpec Plot()
    {
        var logits = Enumerable.Range(1, 50).Select(r => -Math.Log(r)).ToArray();
        double Cumulative(double temperature, double rank)
        {
            var probabilities = Compute(logits, temperature, 0, 1);
            return probabilities.Take((int)Math.Round(rank)).Sum();
        }

        return new PlotSpec(
            "Probability held by the top tokens of a Zipf-like distribution (50 tokens)",
            "tokens kept, most probable first",
            "cumulative probability",
            1,
            50,
            0,
            1,
            [
                new PlotSeries("T = 0.5", PlotSpec.Sample(1, 50, 50, k => Cumulative(0.5, k))),
                new PlotSeries("T = 1", PlotSpec.Sample(1, 50, 50, k => Cumulative(1, k))),
                new PlotSeries("T = 2", PlotSpec.Sample(1, 50, 50, k => Cumulative(2, k))),
                new PlotSeries("top_p = 0.9", PlotSpec.Sample(1, 50, 2, _ => 0.9)),
            ]);
    }

    private static List<int> Kept(IReadOnlyList<double> logits, double temperature, double topK, double topP, out double[] weights)
    {
        var candidates = Candidates(logits, temperature, topK, out weights);
        var w = weights;
        var total = candidates.Sum(i => w[i]);
        var kept = new List<int>();
        var cumulative = 0.0;
        foreach (var i in candidates)
        {
            kept.Add(i);
            cumulative += weights[i] / total;
            if (cumulative >= topP)
            {
                break;
            }
        }

        return kept;
    }

    // Temperature, then top-k: the candidates most probable first (equal logits: lower index
    // first), with their unnormalised weights e^{(z − max z) / T}.
    private static List<int> Candidates(IReadOnlyList<double> logits, double temperature, double topK, out double[] weights)
    {
        var scaled = logits.Select(z => z / temperature).ToArray();
        var max = scaled.Max();
        weights = [.. scaled.Select(s => Math.Exp(s - max))];
        var order = Enumerable.Range(0, logits.Count).OrderByDescending(i => scaled[i]).ThenBy(i => i);
        return [.. topK > 0 ? order.Take((int)Math.Min(topK, logits.Count)) : order];
    }

    // True when a running total before the last candidate lies within 1e-9 of top_p.
    private static bool NearBoundary(double[] logits, double temperature, double topK, double topP)
    {
        var candidates = Candidates(logits, temperature, topK, out var weights);
        var total = candidates.Sum(i => weights[i]);
        var cumulative = 0.0;
        foreach (var i in candidates.SkipLast(1))
        {
            cumulative += weights[i] / total;
            if (Math.Abs(cumulative - topP) < 1e-9)
            {
                return true;
            }
        }

        return false;
    }

    // Extreme cases hold logits of ±1000 and T = 0.05, where e^{z/T} overflows.
    private static JsonObject Case(Random random, bool lengthy, bool extreme)
    {
        while (true)
        {
            var count = lengthy ? MaxLogits : CaseRandom.Between(random, 2, 10);
            var logits = CaseRandom.Vector(random, count, extreme ? -1000 : -4, extreme ? 1000 : 4, 2);
            var temperature = extreme ? 0.05 : CaseRandom.Uniform(random, 0.3, 2, 1);
            var topK = CaseRandom.Between(random, 0, 2) == 0 ? 0 : CaseRandom.Between(random, 1, Math.Min(count, 50));
            var topP = TopPs[CaseRandom.Between(random, 0, TopPs.Length - 1)];
            // A running total within 1e-9 of top_p would let rounding decide the set; draw again.
            if (!NearBoundary(logits, temperature, topK, topP))
            {
                return new JsonObject
                {
                    ["logits"] = InputReader.ToJson(logits),
                    ["temperature"] = temperature,
                    ["top_k"] = topK,
                    ["top_p"] = topP,
                };
            }
        }
    }
}
