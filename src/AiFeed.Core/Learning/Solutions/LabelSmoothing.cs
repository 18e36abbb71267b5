using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Mean cross-entropy against the smoothed target (1 − ε)·one_hot + ε/C, PyTorch's label_smoothing.</summary>
public sealed class LabelSmoothing : IReferenceSolution
{
    public const int MaxRows = 32;
    public const int MaxClasses = 256;
    public const double MaxMagnitude = 10000;

    public string Id => "label-smoothing";

    public static double Compute(IReadOnlyList<double[]> logits, IReadOnlyList<int> labels, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        var classes = Tensors.RequireRectangular(logits, nameof(logits));
        if (labels.Count != logits.Count || labels.Any(c => c < 0 || c >= classes))
        {
            throw new ArgumentException($"need one class index from 0 to {classes - 1} per row", nameof(labels));
        }

        if (!(smoothing >= 0 && smoothing < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "smoothing must be in [0, 1)");
        }

        var total = 0.0;
        for (var i = 0; i < logits.Count; i++)
        {
            // −Σ q_k ln p_k with ln p_k = z_k − lse: every class's log-probability counts, so ln(softmax) would hit ln 0.
            var lse = LogSumExp.Compute(logits[i]);
            total += ((1 - smoothing) * (lse - logits[i][labels[i]])) + (smoothing * (lse - logits[i].Average()));
        }

        return total / logits.Count;
    }

    public JsonObject Generate(Random random) => WithSmoothing(random, RandomLogits(random, atLimits: false));

    /// <summary>The most rows and classes, logits over ±10⁴ (every row has classes whose probability underflows to 0), ε &gt; 0.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var input = WithSmoothing(random, RandomLogits(random, atLimits: true));
        input["smoothing"] = CaseRandom.Uniform(random, 0.05, 0.3, 2);
        return input;
    }

    /// <summary>
    /// Logits and labels, now and then at the size limits, in half the cases (and always at the limits)
    /// spread over ±10⁴ with one logit of each row at least 1000, where e^z overflows a double.
    /// </summary>
    internal static JsonObject RandomLogits(Random random, bool atLimits)
    {
        var rows = atLimits || CaseRandom.OneIn(random, 4) ? MaxRows : CaseRandom.Between(random, 1, 3);
        var classes = atLimits || CaseRandom.OneIn(random, 4) ? MaxClasses : CaseRandom.Between(random, 2, 5);
        var large = atLimits || CaseRandom.OneIn(random, 2);
        var logits = CaseRandom.Matrix(random, rows, classes, large ? -MaxMagnitude : -5, large ? MaxMagnitude : 5, 2);
        if (large)
        {
            foreach (var row in logits)
            {
                row[CaseRandom.Between(random, 0, classes - 1)] = CaseRandom.Uniform(random, 1000, MaxMagnitude, 2);
            }
        }

        return new JsonObject
        {
            ["logits"] = InputReader.ToJson(logits),
            ["labels"] = InputReader.ToJson(Enumerable.Range(0, rows).Select(_ => (double)CaseRandom.Between(random, 0, classes - 1))),
        };
    }

    private static JsonObject WithSmoothing(Random random, JsonObject input)
    {
        input["smoothing"] = CaseRandom.OneIn(random, 5) ? 0 : CaseRandom.Uniform(random, 0.01, 0.3, 2);
        return input;
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(
        Compute(InputReader.Matrix(input, "logits"), InputReader.Integers(input, "labels"), InputReader.Number(input, "smoothing")));

    // Ten classes, the true one with probability q and the rest sharing 1 − q: smoothing moves the best q from 1 to 1 − ε + ε/C.
    public PlotSpec Plot()
    {
        static double Loss(double q, double epsilon) =>
            (-(1 - epsilon + (epsilon / 10)) * Math.Log(q)) - (epsilon * 9 / 10 * Math.Log((1 - q) / 9));
        return new PlotSpec(
            "Loss of one example (10 classes) against the probability q of its true class",
            "q",
            "loss",
            0.3,
            0.999,
            0,
            2,
            [
                new PlotSeries("ε = 0", PlotSpec.Sample(0.3, 0.999, 200, q => Loss(q, 0))),
                new PlotSeries("ε = 0.1: lowest at q = 0.91", PlotSpec.Sample(0.3, 0.999, 200, q => Loss(q, 0.1))),
            ]);
    }
}
