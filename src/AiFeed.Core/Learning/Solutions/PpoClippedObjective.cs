using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>PPO's clipped surrogate: the mean of min(ρA, clip(ρ, 1 − ε, 1 + ε)A) with ρ = e^{new − old}.</summary>
public sealed class PpoClippedObjective : IReferenceSolution
{
    private const double PlottedEpsilon = 0.2;
    private const int MaxTokens = 10_000;
    private static readonly double[] Epsilons = [0.1, 0.2, 0.3];

    public string Id => "ppo-clipped-objective";

    public static double Compute(IReadOnlyList<double> logpNew, IReadOnlyList<double> logpOld, IReadOnlyList<double> advantages, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(logpNew);
        ArgumentNullException.ThrowIfNull(logpOld);
        ArgumentNullException.ThrowIfNull(advantages);
        var n = advantages.Count;
        if (n == 0 || logpNew.Count != n || logpOld.Count != n)
        {
            throw new ArgumentException("logp_new, logp_old and advantages must have one entry per token, at least one token", nameof(advantages));
        }

        StableMath.RequireFinite(logpNew, "logp_new");
        StableMath.RequireFinite(logpOld, "logp_old");
        StableMath.RequireFinite(advantages, nameof(advantages));
        if (!(epsilon is > 0 and < 1))
        {
            throw new ArgumentException($"epsilon = {epsilon} must lie strictly between 0 and 1", nameof(epsilon));
        }

        var total = 0.0;
        for (var t = 0; t < n; t++)
        {
            total += Surrogate(Math.Exp(logpNew[t] - logpOld[t]), advantages[t], epsilon);
        }

        return total / n;
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, extreme: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(Compute(
        InputReader.Vector(input, "logp_new"), InputReader.Vector(input, "logp_old"), InputReader.Vector(input, "advantages"), InputReader.Number(input, "epsilon")));

    public PlotSpec Plot() => new(
        "One token's clipped objective, ε = 0.2",
        "probability ratio ρ = π_new / π_old",
        "min(ρA, clip(ρ)A)",
        0,
        2,
        -2,
        1.5,
        [
            new PlotSeries("advantage A = +1", PlotSpec.Sample(0, 2, 201, r => Surrogate(r, 1, PlottedEpsilon))),
            new PlotSeries("advantage A = −1", PlotSpec.Sample(0, 2, 201, r => Surrogate(r, -1, PlottedEpsilon))),
        ]);

    private static double Surrogate(double ratio, double advantage, double epsilon) =>
        Math.Min(ratio * advantage, Math.Clamp(ratio, 1 - epsilon, 1 + epsilon) * advantage);

    // Long cases hold the stated 10^4 tokens; extreme ones rare tokens with log-probabilities below
    // −745, where e^logp is 0 in a double and the ratio e^new / e^old is 0/0.
    private static JsonObject Case(Random random, bool lengthy, bool extreme)
    {
        var tokens = lengthy ? MaxTokens : CaseRandom.Between(random, 1, 8);
        var (low, high) = extreme ? (-1000.0, -750.0) : (-8.0, -0.01);
        var old = CaseRandom.Vector(random, tokens, low, high, 2);
        var shifted = old.Select(v => Math.Round(Math.Min(v + CaseRandom.Uniform(random, -0.5, 0.5, 2), 0), 2, MidpointRounding.AwayFromZero));
        return new JsonObject
        {
            ["logp_new"] = InputReader.ToJson(shifted),
            ["logp_old"] = InputReader.ToJson(old),
            ["advantages"] = InputReader.ToJson(CaseRandom.Vector(random, tokens, -3, 3, 2)),
            ["epsilon"] = Epsilons[CaseRandom.Between(random, 0, Epsilons.Length - 1)],
        };
    }
}
