using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>A reward model's pairwise loss −ln σ(r_chosen − r_rejected), through softplus, and its accuracy.</summary>
public sealed class BradleyTerryLoss : IReferenceSolution
{
    private const int MaxPairs = 10_000;

    public string Id => "bradley-terry-loss";

    /// <summary>[mean loss, share of pairs whose chosen reward is strictly higher].</summary>
    public static double[] Compute(IReadOnlyList<double> chosen, IReadOnlyList<double> rejected)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(rejected);
        if (chosen.Count != rejected.Count || chosen.Count == 0)
        {
            throw new ArgumentException($"chosen ({chosen.Count}) and rejected ({rejected.Count}) must pair up, at least one pair", nameof(rejected));
        }

        StableMath.RequireFinite(chosen, nameof(chosen));
        StableMath.RequireFinite(rejected, nameof(rejected));
        double loss = 0, wins = 0;
        for (var i = 0; i < chosen.Count; i++)
        {
            // −ln σ(d) = ln(1 + e^{−d}) = softplus(−d): finite where 1 / (1 + e^{−d}) underflows to 0.
            loss += StableMath.Softplus(rejected[i] - chosen[i]);
            wins += chosen[i] > rejected[i] ? 1 : 0;
        }

        return [loss / chosen.Count, wins / chosen.Count];
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, extreme: true);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Vector(input, "chosen"), InputReader.Vector(input, "rejected")));

    public PlotSpec Plot() => new(
        "One pair: margin d = r_chosen − r_rejected",
        "reward margin d",
        "value",
        -6,
        6,
        0,
        6,
        [
            new PlotSeries("loss −ln σ(d)", PlotSpec.Sample(-6, 6, 121, d => Compute([d], [0])[0])),
            new PlotSeries("P(chosen preferred) = σ(d)", PlotSpec.Sample(-6, 6, 121, d => 1 / (1 + Math.Exp(-d)))),
        ]);

    // Long cases hold the stated 10^4 pairs; extreme ones rewards of ±1000, where a badly ranked
    // pair's σ underflows to 0 and ln 0 = −∞ (one such pair is planted).
    private static JsonObject Case(Random random, bool lengthy, bool extreme)
    {
        var pairs = lengthy ? MaxPairs : CaseRandom.Between(random, 1, 8);
        var scale = extreme ? 1000 : 4;
        var chosen = CaseRandom.Vector(random, pairs, -scale, scale, 2);
        var rejected = CaseRandom.Vector(random, pairs, -scale, scale, 2);
        if (extreme)
        {
            var i = CaseRandom.Between(random, 0, pairs - 1);
            (chosen[i], rejected[i]) = (CaseRandom.Uniform(random, -1000, -400, 2), CaseRandom.Uniform(random, 400, 1000, 2));
        }

        return new JsonObject { ["chosen"] = InputReader.ToJson(chosen), ["rejected"] = InputReader.ToJson(rejected) };
    }
}
