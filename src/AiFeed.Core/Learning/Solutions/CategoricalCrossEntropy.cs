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

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.Between(random, 1, 4);
        var classes = CaseRandom.Between(random, 2, 5);
        var labels = Enumerable.Range(0, n).Select(_ => (double)CaseRandom.Between(random, 0, classes - 1));
        return new JsonObject
        {
            ["logits"] = InputReader.ToJson(CaseRandom.Matrix(random, n, classes, -4, 4, 2)),
            ["labels"] = InputReader.ToJson(labels),
        };
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
}
