using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>ln Σ e^xᵢ computed as m + ln Σ e^(xᵢ − m) with m = max x, so it neither overflows nor takes ln 0.</summary>
public sealed class LogSumExp : IReferenceSolution
{
    public const int MaxLength = 2000;
    public const double MaxMagnitude = 10000;

    public string Id => "log-sum-exp";

    public static double Compute(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0 || x.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("need at least one finite number", nameof(x));
        }

        var max = x.Max();
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 8), CaseRandom.Between(random, 0, 2));

    /// <summary>The longest vector, with values where every e^x overflows or every e^x underflows to 0.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, CaseRandom.OneIn(random, 2) ? 3 : 2);

    // Ordinary values; values up to ±10⁴ (e^x overflows); all far below zero (every e^x underflows to 0); all near 10⁴.
    private static JsonObject Draw(Random random, int n, int kind) => new()
    {
        ["x"] = InputReader.ToJson(kind switch
        {
            0 => CaseRandom.Vector(random, n, -5, 5, 2),
            1 => CaseRandom.Vector(random, n, -MaxMagnitude, MaxMagnitude, 2),
            2 => CaseRandom.Vector(random, n, -1010, -990, 2),
            _ => CaseRandom.Vector(random, n, MaxMagnitude - 1000, MaxMagnitude, 2),
        }),
    };

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(Compute(InputReader.Vector(input, "x")));

    public PlotSpec Plot() => new(
        "log-sum-exp of [t, 0] is a smooth maximum",
        "t",
        "value",
        -6,
        6,
        -1,
        7,
        [
            new PlotSeries("ln(eᵗ + e⁰)", PlotSpec.Sample(-6, 6, 121, t => Compute([t, 0]))),
            new PlotSeries("max(t, 0)", PlotSpec.Sample(-6, 6, 121, t => Math.Max(t, 0))),
        ]);
}
