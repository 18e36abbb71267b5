using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Generalised advantage estimation over a rollout that may hold several episodes:
/// A_t = δ_t + γλ(1 − done_t)A_{t+1} with δ_t = r_t + γ(1 − done_t)V_{t+1} − V_t.
/// </summary>
public sealed class GaeAdvantages : IReferenceSolution
{
    private const double PlottedGamma = 0.99;
    private const int MaxSteps = 10_000;
    private static readonly double[] Gammas = [0.9, 0.95, 0.99, 1];
    private static readonly double[] Lambdas = [0, 0.5, 0.9, 0.95, 1];

    public string Id => "gae-advantages";

    public static double[] Compute(IReadOnlyList<double> rewards, IReadOnlyList<double> values, IReadOnlyList<double> dones, double gamma, double lambda)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(dones);
        var steps = rewards.Count;
        if (steps == 0 || dones.Count != steps)
        {
            throw new ArgumentException($"rewards ({steps}) and dones ({dones.Count}) need one entry per step, at least one step", nameof(dones));
        }

        if (values.Count != steps + 1)
        {
            throw new ArgumentException($"values needs T + 1 = {steps + 1} entries (the last bootstraps the rollout's end), not {values.Count}", nameof(values));
        }

        StableMath.RequireFinite(rewards, nameof(rewards));
        StableMath.RequireFinite(values, nameof(values));
        if (dones.Any(d => d is not (0.0 or 1.0)))
        {
            throw new ArgumentException("every entry of dones must be 0 or 1", nameof(dones));
        }

        if (!(gamma is >= 0 and <= 1) || !(lambda is >= 0 and <= 1))
        {
            throw new ArgumentException($"gamma = {gamma} and lam = {lambda} must lie in [0, 1]", nameof(gamma));
        }

        var advantages = new double[steps];
        var next = 0.0;
        for (var t = steps - 1; t >= 0; t--)
        {
            // An episode that ends at t neither bootstraps from V_{t+1} nor inherits A_{t+1}.
            var alive = 1 - dones[t];
            var delta = rewards[t] + (gamma * alive * values[t + 1]) - values[t];
            next = delta + (gamma * lambda * alive * next);
            advantages[t] = next;
        }

        return advantages;
    }

    public JsonObject Generate(Random random) => Case(random, CaseRandom.Between(random, 0, 3) == 0 ? MaxSteps : CaseRandom.Between(random, 2, 10));

    public JsonObject GenerateAtLimits(Random random) => Case(random, MaxSteps);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "rewards"),
        InputReader.Vector(input, "values"),
        InputReader.Vector(input, "dones"),
        InputReader.Number(input, "gamma"),
        InputReader.Number(input, "lam")));

    public PlotSpec Plot() => new(
        "Weight of the TD error l steps ahead, (γλ)^l, γ = 0.99",
        "steps ahead l",
        "weight",
        0,
        100,
        0,
        1,
        [
            new PlotSeries("λ = 0.9", PlotSpec.Sample(0, 100, 101, l => Math.Pow(PlottedGamma * 0.9, l))),
            new PlotSeries("λ = 0.95", PlotSpec.Sample(0, 100, 101, l => Math.Pow(PlottedGamma * 0.95, l))),
            new PlotSeries("λ = 1", PlotSpec.Sample(0, 100, 101, l => Math.Pow(PlottedGamma, l))),
        ]);

    // Episodes end at about one step in five, so every long rollout holds boundaries, where
    // ignoring dones leaks the next episode's value and advantage back.
    private static JsonObject Case(Random random, int steps)
    {
        var dones = Enumerable.Range(0, steps).Select(_ => CaseRandom.Between(random, 0, 4) == 0 ? 1.0 : 0.0).ToArray();
        if (steps > 2)
        {
            dones[CaseRandom.Between(random, 0, steps - 2)] = 1;
        }

        return new JsonObject
        {
            ["rewards"] = InputReader.ToJson(CaseRandom.Vector(random, steps, -1, 1, 2)),
            ["values"] = InputReader.ToJson(CaseRandom.Vector(random, steps + 1, -2, 2, 2)),
            ["dones"] = InputReader.ToJson(dones),
            ["gamma"] = Gammas[CaseRandom.Between(random, 0, Gammas.Length - 1)],
            ["lam"] = Lambdas[CaseRandom.Between(random, 0, Lambdas.Length - 1)],
        };
    }
}
