using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>∂L/∂z of the mean softmax cross-entropy: (softmax(zᵢ) − one_hot(cᵢ)) / N for each row.</summary>
public sealed class CrossEntropyGradient : IReferenceSolution
{
    public string Id => "cross-entropy-gradient";

    public static double[][] Compute(IReadOnlyList<double[]> logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        var classes = Tensors.RequireRectangular(logits, nameof(logits));
        if (labels.Count != logits.Count || labels.Any(c => c < 0 || c >= classes))
        {
            throw new ArgumentException($"need one class index from 0 to {classes - 1} per row", nameof(labels));
        }

        return [.. logits.Select((z, i) => Softmax.Compute(z).Select((p, k) => (p - (k == labels[i] ? 1 : 0)) / logits.Count).ToArray())];
    }

    public JsonObject Generate(Random random) => LabelSmoothing.RandomLogits(random, atLimits: false);

    /// <summary>The most rows and classes, every row with a logit of at least 1000 (e^z overflows).</summary>
    public JsonObject GenerateAtLimits(Random random) => LabelSmoothing.RandomLogits(random, atLimits: true);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Matrix(Compute(InputReader.Matrix(input, "logits"), InputReader.Integers(input, "labels")));

    public PlotSpec Plot() => new(
        "Gradient of the loss for logits [t, 0] with true class 0",
        "logit t of the true class",
        "∂L/∂z",
        -6,
        6,
        -1,
        1,
        [
            new PlotSeries("∂L/∂t = p₀ − 1", PlotSpec.Sample(-6, 6, 121, t => Compute([[t, 0]], [0])[0][0])),
            new PlotSeries("∂L/∂z₁ = p₁", PlotSpec.Sample(-6, 6, 121, t => Compute([[t, 0]], [0])[0][1])),
        ]);
}
