using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>GELU, x·Φ(x), exactly through erfc or with GPT-2's tanh approximation.</summary>
public sealed class Gelu : IReferenceSolution
{
    public const int MaxLength = 1000;
    public const double MaxMagnitude = 100;
    public static readonly string[] Approximations = ["none", "tanh"];
    private static readonly double TanhScale = Math.Sqrt(2 / Math.PI);

    public string Id => "gelu";

    public static double Exact(double x) => 0.5 * x * Erfc(-x / Math.Sqrt(2));

    public static double Tanh(double x) => 0.5 * x * (1 + Math.Tanh(TanhScale * (x + (0.044715 * x * x * x))));

    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    public static double Silu(double x) => x * Sigmoid(x);

    /// <summary>
    /// The complementary error function, to about 1e-14 absolute: .NET has none. A Taylor series of erf
    /// below 2.5, Laplace's continued fraction for the tail above (written out to 200 terms).
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 2.5)
        {
            double sum = 0, power = x;
            for (var n = 0; n < 100; n++)
            {
                var term = power / ((2 * n) + 1);
                sum += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(sum))
                {
                    break;
                }

                power *= -x * x / (n + 1);
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        var fraction = x;
        for (var k = 200; k >= 1; k--)
        {
            fraction = x + (k / 2.0 / fraction);
        }

        return Math.Exp(-x * x) / (Math.Sqrt(Math.PI) * fraction);
    }

    public static double[] Compute(IReadOnlyList<double> x, string approximate)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(approximate);
        if (x.Count == 0 || x.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("need at least one finite number", nameof(x));
        }

        Func<double, double> f = approximate switch
        {
            "none" => Exact,
            "tanh" => Tanh,
            _ => throw new ArgumentException($"approximate must be \"none\" or \"tanh\", not \"{approximate}\"", nameof(approximate)),
        };
        return [.. x.Select(f)];
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 8), CaseRandom.OneIn(random, 3) ? MaxMagnitude : 6);

    /// <summary>The longest vector over the whole range ±100.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, MaxMagnitude);

    private static JsonObject Draw(Random random, int n, double limit) => new()
    {
        ["x"] = InputReader.ToJson(CaseRandom.Vector(random, n, -limit, limit, 2)),
        ["approximate"] = CaseRandom.Pick(random, Approximations),
    };

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Vector(input, "x"), InputReader.Choice(input, "approximate", Approximations)));

    public PlotSpec Plot() => new(
        "ReLU, GELU and SiLU",
        "x",
        "activation",
        -4,
        3,
        -0.5,
        3,
        [
            new PlotSeries("ReLU", PlotSpec.Sample(-4, 3, 141, x => Math.Max(x, 0))),
            new PlotSeries("GELU x·Φ(x)", PlotSpec.Sample(-4, 3, 141, Exact)),
            new PlotSeries("SiLU x·σ(x)", PlotSpec.Sample(-4, 3, 141, Silu)),
        ]);
}
