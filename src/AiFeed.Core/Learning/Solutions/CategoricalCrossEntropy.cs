using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Mean cross-entropy of rows of logits against class indices, through log-softmax.</summary>
public sealed class CategoricalCrossEntropy : IReferenceSolution
{
    public string Id => "cross-entropy";

    public static double Compute(IReadOnlyList<double[]> logits, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Count != labels.Count)
        {
            throw new ArgumentException($"{logits.Count} rows of logits but {labels.Count} labels", nameof(labels));
        }

        if (logits.Count == 0)
        {
            throw new ArgumentException("the mean of no losses is undefined", nameof(logits));
        }

        var total = 0.0;
        for (var i = 0; i < logits.Count; i++)
        {
            var row = logits[i];
            var label = labels[i];
            if (label != Math.Floor(label) || label < 0 || label >= row.Length)
            {
                throw new ArgumentException($"labels[{i}] = {label} is not a class index below {row.Length}", nameof(labels));
            }

            // −log softmax(z)[c] = logsumexp(z) − z[c]; shifting by the max keeps exp finite.
            var max = row.Max();
            var logSumExp = max + Math.Log(row.Sum(z => Math.Exp(z - max)));
            total += logSumExp - row[(int)label];
        }

        return total / logits.Count;
    }

    public JsonObject Generate(Random random) => Draw(random, CaseRandom.Between(random, 1, 4), CaseRandom.Between(random, 2, 5), 4);

    /// <summary>
    /// Logits up to ±1000 with one above 800 in every row, so summing exponentials without shifting
    /// out the maximum overflows (e^800 is beyond a double); and in the first row the true class
    /// sits below −800, so ln of its softmax probability (e^−1600 underflows to 0) is ln 0.
    /// </summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var (n, classes) = (CaseRandom.Between(random, 3, 6), CaseRandom.Between(random, 4, 8));
        var input = Draw(random, n, classes, 1000);
        var rows = input["logits"]!.AsArray();
        for (var i = 0; i < n; i++)
        {
            var top = CaseRandom.Between(random, 0, classes - 1);
            rows[i]![top] = CaseRandom.Uniform(random, 800, 1000, 2);
            if (i == 0)
            {
                var label = (top + CaseRandom.Between(random, 1, classes - 1)) % classes;
                rows[i]![label] = CaseRandom.Uniform(random, -1000, -800, 2);
                input["labels"]![0] = (double)label;
            }
        }

        return input;
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Matrix(input, "logits"), InputReader.Vector(input, "labels")));

    public PlotSpec Plot() => new(
        "Loss of one example against the probability of its true class",
        "softmax probability of the true class",
        "loss −ln q",
        0,
        1,
        0,
        7,
        [new PlotSeries("−ln q", PlotSpec.Sample(0.001, 1, 200, q => -Math.Log(q)))]);

    private static JsonObject Draw(Random random, int n, int classes, double scale)
    {
        var labels = Enumerable.Range(0, n).Select(_ => (double)CaseRandom.Between(random, 0, classes - 1));
        return new JsonObject
        {
            ["logits"] = InputReader.ToJson(CaseRandom.Matrix(random, n, classes, -scale, scale, 2)),
            ["labels"] = InputReader.ToJson(labels),
        };
    }
}
