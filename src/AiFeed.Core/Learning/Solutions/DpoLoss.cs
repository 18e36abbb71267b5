using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Direct Preference Optimisation: −ln σ(β[(π_c − ref_c) − (π_r − ref_r)]) over sequence log-probabilities.</summary>
public sealed class DpoLoss : IReferenceSolution
{
    private const int MaxPairs = 10_000;
    private static readonly double[] Betas = [0.01, 0.05, 0.1, 0.5, 1];

    public string Id => "dpo-loss";

    /// <summary>[mean loss, mean implicit reward margin β·((π_c − ref_c) − (π_r − ref_r))].</summary>
    public static double[] Compute(
        IReadOnlyList<double> policyChosen, IReadOnlyList<double> policyRejected, IReadOnlyList<double> refChosen, IReadOnlyList<double> refRejected, double beta)
    {
        ArgumentNullException.ThrowIfNull(policyChosen);
        ArgumentNullException.ThrowIfNull(policyRejected);
        ArgumentNullException.ThrowIfNull(refChosen);
        ArgumentNullException.ThrowIfNull(refRejected);
        var n = policyChosen.Count;
        if (n == 0 || policyRejected.Count != n || refChosen.Count != n || refRejected.Count != n)
        {
            throw new ArgumentException("the four arrays must hold one log-probability per pair, at least one pair", nameof(policyChosen));
        }

        foreach (var (values, name) in new[] { (policyChosen, "policy_chosen"), (policyRejected, "policy_rejected"), (refChosen, "ref_chosen"), (refRejected, "ref_rejected") })
        {
            StableMath.RequireFinite(values, name);
            if (values.Any(v => v > 0))
            {
                throw new ArgumentException($"{name} holds a log-probability above 0", name);
            }
        }

        if (!double.IsFinite(beta) || beta <= 0)
        {
            throw new ArgumentException($"beta = {beta} must be positive", nameof(beta));
        }

        double loss = 0, margins = 0;
        for (var i = 0; i < n; i++)
        {
            var margin = beta * ((policyChosen[i] - refChosen[i]) - (policyRejected[i] - refRejected[i]));
            loss += StableMath.Softplus(-margin);
            margins += margin;
        }

        return [loss / n, margins / n];
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, extreme: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "policy_chosen"),
        InputReader.Vector(input, "policy_rejected"),
        InputReader.Vector(input, "ref_chosen"),
        InputReader.Vector(input, "ref_rejected"),
        InputReader.Number(input, "beta")));

    public PlotSpec Plot() => new(
        "DPO loss of one pair against its log-ratio margin",
        "(π_c − ref_c) − (π_r − ref_r), nats",
        "loss",
        -20,
        20,
        0,
        10,
        [
            new PlotSeries("β = 0.1", PlotSpec.Sample(-20, 20, 161, m => StableMath.Softplus(-0.1 * m))),
            new PlotSeries("β = 0.5", PlotSpec.Sample(-20, 20, 161, m => StableMath.Softplus(-0.5 * m))),
        ]);

    // Long cases hold the stated 10^4 pairs; extreme ones log-probabilities down to −5000, where
    // e^{logp} is 0 and, with β = 1 planted in one pair's favour, σ of a margin near −4000 is 0.
    private static JsonObject Case(Random random, bool lengthy, bool extreme)
    {
        var pairs = lengthy ? MaxPairs : CaseRandom.Between(random, 1, 8);
        var floor = extreme ? -5000 : -60;
        double[] LogProbabilities() => CaseRandom.Vector(random, pairs, floor, -1, 2);
        var (policyChosen, policyRejected, refChosen, refRejected) = (LogProbabilities(), LogProbabilities(), LogProbabilities(), LogProbabilities());
        if (extreme)
        {
            var i = CaseRandom.Between(random, 0, pairs - 1);
            (policyChosen[i], refChosen[i], policyRejected[i], refRejected[i]) = (-4900, -900, -50, -60);
        }

        return new JsonObject
        {
            ["policy_chosen"] = InputReader.ToJson(policyChosen),
            ["policy_rejected"] = InputReader.ToJson(policyRejected),
            ["ref_chosen"] = InputReader.ToJson(refChosen),
            ["ref_rejected"] = InputReader.ToJson(refRejected),
            ["beta"] = extreme ? 1 : Betas[CaseRandom.Between(random, 0, Betas.Length - 1)],
        };
    }
}
