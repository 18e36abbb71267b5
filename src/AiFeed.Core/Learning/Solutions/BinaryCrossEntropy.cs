using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Mean binary cross-entropy of probabilities p against labels y, with p clipped to [ε, 1 − ε].</summary>
public sealed class BinaryCrossEntropy : IReferenceSolution
{
    public const double Epsilon = 1e-15;

    public string Id => "binary-cross-entropy";

    public static double Compute(IReadOnlyList<double> y, IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(p);
        if (y.Count != p.Count)
        {
            throw new ArgumentException($"y has {y.Count} labels but p has {p.Count} probabilities", nameof(p));
        }

        if (y.Count == 0)
        {
            throw new ArgumentException("the mean of no losses is undefined", nameof(y));
        }

        var sum = 0.0;
        for (var i = 0; i < y.Count; i++)
        {
            if (y[i] is not (0.0 or 1.0))
            {
                throw new ArgumentException($"y[{i}] = {y[i]} is not 0 or 1", nameof(y));
            }

            if (double.IsNaN(p[i]) || p[i] < 0 || p[i] > 1)
            {
                throw new ArgumentException($"p[{i}] = {p[i]} is not a probability", nameof(p));
            }

            // Clipping keeps ln finite: a confident wrong answer costs −ln ε ≈ 34.54, not infinity.
            var clipped = Math.Clamp(p[i], Epsilon, 1 - Epsilon);
            sum += (y[i] * Math.Log(clipped)) + ((1 - y[i]) * Math.Log(1 - clipped));
        }

        return -sum / y.Count;
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.Between(random, 1, 8);
        var y = Enumerable.Range(0, n).Select(_ => (double)CaseRandom.Between(random, 0, 1)).ToArray();
        // One case in five holds a hard 0 or 1 so that clipping matters.
        var p = Enumerable.Range(0, n)
            .Select(_ => CaseRandom.Between(random, 0, 4) == 0 ? CaseRandom.Between(random, 0, 1) : CaseRandom.Uniform(random, 0.001, 0.999, 3))
            .ToArray();
        return new JsonObject { ["y"] = InputReader.ToJson(y), ["p"] = InputReader.ToJson(p) };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Vector(input, "y"), InputReader.Vector(input, "p")));

    public PlotSpec Plot() => new(
        "Binary cross-entropy of one prediction",
        "predicted probability p",
        "loss",
        0,
        1,
        0,
        7,
        [
            new PlotSeries("y = 1: −ln p", PlotSpec.Sample(0.001, 0.999, 200, p => -Math.Log(p))),
            new PlotSeries("y = 0: −ln(1 − p)", PlotSpec.Sample(0.001, 0.999, 200, p => -Math.Log(1 - p))),
        ]);
}
