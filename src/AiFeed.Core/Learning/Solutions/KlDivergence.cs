using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Mean over rows of KL(softmax(p) ‖ softmax(q)), computed from log-softmax so that no ln 0 appears.</summary>
public sealed class KlDivergence : IReferenceSolution
{
    private const int MaxCells = 50_000;
    private const int MaxRows = 50;

    public string Id => "kl-divergence";

    public static double Compute(IReadOnlyList<double[]> pLogits, IReadOnlyList<double[]> qLogits)
    {
        ArgumentNullException.ThrowIfNull(pLogits);
        ArgumentNullException.ThrowIfNull(qLogits);
        if (pLogits.Count == 0 || qLogits.Count != pLogits.Count)
        {
            throw new ArgumentException($"p_logits ({pLogits.Count} rows) and q_logits ({qLogits.Count} rows) must pair up, at least one row", nameof(qLogits));
        }

        var total = 0.0;
        for (var i = 0; i < pLogits.Count; i++)
        {
            if (pLogits[i].Length == 0 || qLogits[i].Length != pLogits[i].Length)
            {
                throw new ArgumentException($"row {i}: p and q must cover the same non-empty vocabulary", nameof(qLogits));
            }

            StableMath.RequireFinite(pLogits[i], "p_logits");
            StableMath.RequireFinite(qLogits[i], "q_logits");
            var logP = StableMath.LogSoftmax(pLogits[i]);
            var logQ = StableMath.LogSoftmax(qLogits[i]);
            for (var j = 0; j < logP.Length; j++)
            {
                // e^{ln p} may underflow to 0; the term is then 0, never 0 · (−∞).
                total += Math.Exp(logP[j]) * (logP[j] - logQ[j]);
            }
        }

        return total / pLogits.Count;
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, extreme: true);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Matrix(input, "p_logits"), InputReader.Matrix(input, "q_logits")));

    public PlotSpec Plot()
    {
        static double Bernoulli(double p, double q) => (p * Math.Log(p / q)) + ((1 - p) * Math.Log((1 - p) / (1 - q)));
        return new PlotSpec(
            "KL between a fair coin and a coin with P(heads) = q",
            "q",
            "KL, nats",
            0,
            1,
            0,
            1.7,
            [
                new PlotSeries("KL(fair ‖ q)", PlotSpec.Sample(0.01, 0.99, 99, q => Bernoulli(0.5, q))),
                new PlotSeries("KL(q ‖ fair)", PlotSpec.Sample(0.01, 0.99, 99, q => Bernoulli(q, 0.5))),
            ]);
    }

    // Long cases fill the stated rows × V = 5·10^4; extreme ones hold logits of ±1000, where softmax
    // holds exact zeros and ln 0 = −∞ turns a term into NaN.
    private static JsonObject Case(Random random, bool lengthy, bool extreme)
    {
        var rows = lengthy ? MaxRows : CaseRandom.Between(random, 1, 4);
        var vocabulary = lengthy ? MaxCells / rows : CaseRandom.Between(random, 2, 6);
        var scale = extreme ? 1000 : 4;
        var p = CaseRandom.Matrix(random, rows, vocabulary, -scale, scale, 2);
        var q = CaseRandom.Matrix(random, rows, vocabulary, -scale, scale, 2);
        if (extreme)
        {
            // Token 0 of row 0 dominates p and is all but impossible under q.
            (p[0][0], q[0][0]) = (1000, -1000);
        }

        return new JsonObject { ["p_logits"] = InputReader.ToJson(p), ["q_logits"] = InputReader.ToJson(q) };
    }
}
