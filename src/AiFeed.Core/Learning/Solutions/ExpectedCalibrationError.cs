using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Expected calibration error with M equal-width bins ((m − 1)/M, m/M], the first also holding 0:
/// Σ (n_m / N) · |accuracy_m − mean confidence_m|.
/// </summary>
public sealed class ExpectedCalibrationError : IReferenceSolution
{
    private const int MaxPredictions = 10_000;
    private const int MaxBins = 20;

    public string Id => "expected-calibration-error";

    public static double Compute(IReadOnlyList<double> confidences, IReadOnlyList<double> correct, double bins)
    {
        ArgumentNullException.ThrowIfNull(confidences);
        ArgumentNullException.ThrowIfNull(correct);
        if (confidences.Count == 0 || correct.Count != confidences.Count)
        {
            throw new ArgumentException($"confidences ({confidences.Count}) and correct ({correct.Count}) need one entry per prediction, at least one", nameof(correct));
        }

        if (bins < 1 || bins != Math.Floor(bins) || bins > 1000)
        {
            throw new ArgumentException($"bins = {bins} must be a whole number from 1 to 1000", nameof(bins));
        }

        var m = (int)bins;
        var count = new int[m];
        var confidence = new double[m];
        var hits = new double[m];
        for (var i = 0; i < confidences.Count; i++)
        {
            if (!(confidences[i] is >= 0 and <= 1) || correct[i] is not (0.0 or 1.0))
            {
                throw new ArgumentException($"prediction {i}: confidence {confidences[i]} must lie in [0, 1] and correct {correct[i]} be 0 or 1", nameof(confidences));
            }

            var bin = Math.Clamp((int)Math.Ceiling(confidences[i] * m) - 1, 0, m - 1);
            count[bin]++;
            confidence[bin] += confidences[i];
            hits[bin] += correct[i];
        }

        var ece = 0.0;
        for (var bin = 0; bin < m; bin++)
        {
            if (count[bin] > 0)
            {
                // Weighted by the bin's share of predictions, not averaged over bins.
                ece += (double)count[bin] / confidences.Count * Math.Abs((hits[bin] / count[bin]) - (confidence[bin] / count[bin]));
            }
        }

        return ece;
    }

    public JsonObject Generate(Random random) =>
        Case(random, CaseRandom.Between(random, 0, 3) == 0 ? MaxPredictions : CaseRandom.Between(random, 1, 20), CaseRandom.Between(random, 1, MaxBins));

    // 10^4 predictions over at least 10 bins, where a plain mean over bins differs from the weighted one.
    public JsonObject GenerateAtLimits(Random random) => Case(random, MaxPredictions, CaseRandom.Between(random, 10, MaxBins));

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(
        Compute(InputReader.Vector(input, "confidences"), InputReader.Vector(input, "correct"), InputReader.Number(input, "bins")));

    public PlotSpec Plot() => new(
        "Reliability of a model that is right with probability c² when it says c",
        "confidence c",
        "accuracy",
        0,
        1,
        0,
        1,
        [
            new PlotSeries("perfect calibration", PlotSpec.Sample(0, 1, 2, c => c)),
            new PlotSeries("overconfident model", PlotSpec.Sample(0, 1, 101, c => c * c)),
        ]);

    private static JsonObject Case(Random random, int predictions, int bins)
    {
        var confidences = new double[predictions];
        var correct = new double[predictions];
        for (var i = 0; i < predictions; i++)
        {
            // Thousandths that fall on an inner bin edge m/M are redrawn: c · M in floating point
            // may land either side of the integer (0.7 · 10 = 7.000000000000001).
            int thousandths;
            do
            {
                thousandths = CaseRandom.Between(random, 0, 1000);
            }
            while (thousandths is > 0 and < 1000 && thousandths * bins % 1000 == 0);

            confidences[i] = thousandths / 1000.0;
            // An overconfident model: right with probability c², below its confidence c.
            correct[i] = CaseRandom.Uniform(random, 0, 1, 3) < confidences[i] * confidences[i] ? 1 : 0;
        }

        return new JsonObject { ["confidences"] = InputReader.ToJson(confidences), ["correct"] = InputReader.ToJson(correct), ["bins"] = bins };
    }
}
