using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The unbiased pass@k estimator of Chen et al. (2021), 1 − C(n − c, k) / C(n, k) per problem,
/// averaged; the binomial ratio is taken as a product so that nothing overflows.
/// </summary>
public sealed class PassAtK : IReferenceSolution
{
    private const int PlottedSamples = 200;
    private const int MaxProblems = 1000;
    private const int MaxSamples = 10_000;
    private const int PlottedCorrect = 10;

    public string Id => "pass-at-k";

    public static double Compute(IReadOnlyList<double> n, IReadOnlyList<double> c, double k)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(c);
        if (n.Count == 0 || c.Count != n.Count)
        {
            throw new ArgumentException($"n ({n.Count}) and c ({c.Count}) need one entry per problem, at least one problem", nameof(c));
        }

        if (k < 1 || k != Math.Floor(k))
        {
            throw new ArgumentException($"k = {k} must be a whole number ≥ 1", nameof(k));
        }

        var total = 0.0;
        for (var i = 0; i < n.Count; i++)
        {
            if (n[i] != Math.Floor(n[i]) || c[i] != Math.Floor(c[i]) || c[i] < 0 || c[i] > n[i] || n[i] < k || n[i] > 1e6)
            {
                throw new ArgumentException($"problem {i}: need whole numbers 0 ≤ c = {c[i]} ≤ n = {n[i]} and k = {k} ≤ n", nameof(n));
            }

            total += Single(n[i], c[i], k);
        }

        return total / n.Count;
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, big: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, big: true);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Vector(input, "n"), InputReader.Vector(input, "c"), InputReader.Number(input, "k")));

    public PlotSpec Plot() => new(
        "pass@k of a problem solved by 10 of 200 samples",
        "k",
        "pass@k",
        1,
        100,
        0,
        1,
        [
            new PlotSeries("unbiased 1 − C(n − c, k)/C(n, k)", PlotSpec.Sample(1, 100, 100, k => Single(PlottedSamples, PlottedCorrect, Math.Round(k)))),
            new PlotSeries("1 − (1 − c/n)^k (sampling with replacement)", PlotSpec.Sample(1, 100, 100, k => 1 - Math.Pow(1 - ((double)PlottedCorrect / PlottedSamples), k))),
        ]);

    private static double Single(double n, double c, double k)
    {
        if (n - c < k)
        {
            // Every k-subset holds a correct sample.
            return 1;
        }

        // C(n − c, k) / C(n, k) = Π_{i = n − c + 1}^{n} (1 − k / i).
        var allFail = 1.0;
        for (var i = n - c + 1; i <= n; i++)
        {
            allFail *= 1 - (k / i);
        }

        return 1 - allFail;
    }

    // Big cases draw up to 10^4 samples per problem with k in the thousands: C(n, k) then overflows a
    // double, so factorials or binomials fail; a solved problem (c > 0, n − c ≥ k) is always included,
    // where sampling with replacement, 1 − (1 − c/n)^k, is biased.
    private static JsonObject Case(Random random, bool lengthy, bool big)
    {
        var problems = lengthy ? MaxProblems : CaseRandom.Between(random, 1, 6);
        var samples = Enumerable.Range(0, problems).Select(_ => (double)(big ? CaseRandom.Between(random, 2000, MaxSamples) : CaseRandom.Between(random, 1, 200))).ToArray();
        var correct = samples.Select(s => (double)(CaseRandom.Between(random, 0, 3) == 0 ? 0 : CaseRandom.Between(random, 0, (int)s / (big ? 20 : 2)))).ToArray();
        var k = CaseRandom.Between(random, 1, (int)samples.Min());
        if (big)
        {
            (samples[0], correct[0], k) = (MaxSamples, 10, 1000);
        }

        return new JsonObject { ["n"] = InputReader.ToJson(samples), ["c"] = InputReader.ToJson(correct), ["k"] = k };
    }
}
