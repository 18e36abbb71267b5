using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Speculative decoding's expected tokens per target pass, (1 − α^{γ+1}) / (1 − α) (γ + 1 at α = 1),
/// and the speed-up over plain decoding when a draft step costs c target steps.
/// </summary>
public sealed class SpeculativeExpectedTokens : IReferenceSolution
{
    private const int MaxGamma = 1000;

    public string Id => "speculative-expected-tokens";

    /// <summary>[expected tokens per target pass, speed-up (expected tokens) / (γc + 1)].</summary>
    public static double[] Compute(double alpha, double gamma, double costRatio)
    {
        if (!(alpha is >= 0 and <= 1))
        {
            throw new ArgumentException($"alpha = {alpha} is an acceptance rate and must lie in [0, 1]", nameof(alpha));
        }

        if (gamma < 0 || gamma != Math.Floor(gamma) || gamma > MaxGamma)
        {
            throw new ArgumentException($"gamma = {gamma} must be a whole number of draft tokens from 0 to 1000", nameof(gamma));
        }

        if (!(costRatio is >= 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException($"cost_ratio = {costRatio} must be ≥ 0", nameof(costRatio));
        }

        // At α = 1 the geometric series is γ + 1 terms of 1; the closed form would divide 0 by 0.
        var expected = alpha == 1 ? gamma + 1 : (1 - Math.Pow(alpha, gamma + 1)) / (1 - alpha);
        return [expected, expected / ((gamma * costRatio) + 1)];
    }

    // One case in three has α = 1 (a draft that always agrees), where the closed form is 0/0.
    public JsonObject Generate(Random random) => Case(random, perfect: CaseRandom.Between(random, 0, 2) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, perfect: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(
        Compute(InputReader.Number(input, "alpha"), InputReader.Number(input, "gamma"), InputReader.Number(input, "cost_ratio")));

    public PlotSpec Plot() => new(
        "Expected tokens per target-model pass",
        "draft tokens γ",
        "tokens per pass",
        0,
        12,
        0,
        10,
        [
            new PlotSeries("α = 0.6", PlotSpec.Sample(0, 12, 13, g => Compute(0.6, g, 0)[0])),
            new PlotSeries("α = 0.8", PlotSpec.Sample(0, 12, 13, g => Compute(0.8, g, 0)[0])),
            new PlotSeries("α = 0.9", PlotSpec.Sample(0, 12, 13, g => Compute(0.9, g, 0)[0])),
        ]);

    private static JsonObject Case(Random random, bool perfect) => new()
    {
        ["alpha"] = perfect ? 1 : CaseRandom.Uniform(random, 0, 1, 3),
        ["gamma"] = CaseRandom.Between(random, 0, 3) == 0 ? CaseRandom.Between(random, 100, MaxGamma) : CaseRandom.Between(random, 1, 12),
        ["cost_ratio"] = CaseRandom.Uniform(random, 0, 0.5, 3),
    };
}
