using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Best-of-n sampling from a discrete reward distribution: the expected best reward and the exact KL
/// divergence of the best-of-n distribution from the base one, equal rewards forming one level.
/// </summary>
public sealed class BestOfN : IReferenceSolution
{
    private const int MaxOutcomes = 1000;
    private const int MaxSamples = 1_000_000;

    public string Id => "best-of-n";

    /// <summary>[E max of n rewards, KL(best-of-n ‖ base) in nats].</summary>
    public static double[] Compute(IReadOnlyList<double> rewards, IReadOnlyList<double> weights, double n)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(weights);
        if (rewards.Count == 0 || weights.Count != rewards.Count)
        {
            throw new ArgumentException($"rewards ({rewards.Count}) and weights ({weights.Count}) must pair up, at least one outcome", nameof(weights));
        }

        StableMath.RequireFinite(rewards, nameof(rewards));
        if (weights.Any(w => !double.IsFinite(w) || w <= 0))
        {
            throw new ArgumentException("every weight must be a positive number", nameof(weights));
        }

        if (n < 1 || n != Math.Floor(n) || n > 1e9)
        {
            throw new ArgumentException($"n = {n} is not a whole number of samples ≥ 1", nameof(n));
        }

        var total = weights.Sum();
        var levels = rewards.Zip(weights).GroupBy(o => o.First).Select(g => (Reward: g.Key, Weight: g.Sum(o => o.Second))).OrderBy(l => l.Reward).ToList();
        double expected = 0, kl = 0, below = 0, cumulative = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            cumulative += levels[i].Weight;
            // P(reward ≤ v), exactly 1 at the top level whatever the rounding of the running sum.
            var atMost = i == levels.Count - 1 ? 1 : cumulative / total;
            var p = levels[i].Weight / total;
            var best = Math.Pow(atMost, n) - Math.Pow(below, n);
            expected += levels[i].Reward * best;
            if (best > 0)
            {
                kl += best * Math.Log(best / p);
            }

            below = atMost;
        }

        return [expected, kl];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(
        Compute(InputReader.Vector(input, "rewards"), InputReader.Vector(input, "weights"), InputReader.Number(input, "n")));

    public PlotSpec Plot() => new(
        "Best of n draws of a continuous reward",
        "n",
        "value",
        1,
        64,
        0,
        3.5,
        [
            new PlotSeries("KL bound ln n − (n − 1)/n, nats", PlotSpec.Sample(1, 64, 64, n => Math.Log(n) - ((n - 1) / n))),
            new PlotSeries("E[max of n uniform(0, 1)] = n/(n + 1)", PlotSpec.Sample(1, 64, 64, n => n / (n + 1))),
        ]);

    // Rewards with one decimal on [−3, 3] repeat often, so levels matter; at the limits 1000
    // outcomes and n = 10^6, where simulation is hopeless and the continuous formula is far off.
    private static JsonObject Case(Random random, bool atLimits)
    {
        var outcomes = atLimits ? MaxOutcomes : CaseRandom.Between(random, 1, 8);
        return new JsonObject
        {
            ["rewards"] = InputReader.ToJson(CaseRandom.Vector(random, outcomes, -3, 3, 1)),
            ["weights"] = InputReader.ToJson(Enumerable.Range(0, outcomes).Select(_ => (double)CaseRandom.Between(random, 1, 10))),
            ["n"] = atLimits ? MaxSamples : CaseRandom.Between(random, 1, 64),
        };
    }
}
