using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Mean binary cross-entropy of probabilities p against labels y, with p clipped to [ε, 1 − ε].
/// Clipping 1 − p instead in the y = 0 term is the same formula on paper and is accepted too: in
/// doubles the two differ only for p within ε of 1, where 1 − ε rounds to 1 − 9.992e-16.
/// </summary>
public sealed class BinaryCrossEntropy : IReferenceSolution
{
    public const double Epsilon = 1e-15;

    /// <summary>The stated limit on N.</summary>
    public const int MaxLength = 100_000;

    public string Id => "binary-cross-entropy";

    /// <summary>The loss with p clipped (NumPy's np.clip(p, ε, 1 − ε)), or with 1 − p clipped in the y = 0 term.</summary>
    public static double Compute(IReadOnlyList<double> y, IReadOnlyList<double> p, bool clipOneMinusP = false)
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

            // Clipping keeps ln finite: a confident wrong answer costs about −ln ε ≈ 34.54, not infinity.
            var clipped = Math.Clamp(p[i], Epsilon, 1 - Epsilon);
            sum += y[i] == 1
                ? Math.Log(clipped)
                : Math.Log(clipOneMinusP ? Math.Clamp(1 - p[i], Epsilon, 1 - Epsilon) : 1 - clipped);
        }

        return -sum / y.Count;
    }

    public JsonObject Generate(Random random) => Draw(random, CaseRandom.Between(random, 1, 12));

    /// <summary>N = 10⁵ with a confidently wrong prediction on each side, so neither a missing clip nor a short buffer passes.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var input = Draw(random, MaxLength);
        var (y, p) = ((JsonArray)input["y"]!, (JsonArray)input["p"]!);
        var first = CaseRandom.Between(random, 0, (MaxLength / 2) - 1);
        var second = CaseRandom.Between(random, MaxLength / 2, MaxLength - 1);
        (y[first], p[first]) = (1.0, 0.0);
        (y[second], p[second]) = (0.0, 1.0);
        return input;
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Vector(input, "y"), InputReader.Vector(input, "p")));

    public IReadOnlyList<NumericValue> Alternatives(JsonObject input) =>
        [NumericValue.Scalar(Compute(InputReader.Vector(input, "y"), InputReader.Vector(input, "p"), clipOneMinusP: true))];

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

    // One prediction in five is a hard 0 or 1, so that clipping matters.
    private static JsonObject Draw(Random random, int n)
    {
        var y = new double[n];
        var p = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = CaseRandom.Between(random, 0, 1);
            p[i] = CaseRandom.Between(random, 0, 4) == 0 ? CaseRandom.Between(random, 0, 1) : CaseRandom.Uniform(random, 0.001, 0.999, 3);
        }

        return new JsonObject { ["y"] = InputReader.ToJson(y), ["p"] = InputReader.ToJson(p) };
    }
}
