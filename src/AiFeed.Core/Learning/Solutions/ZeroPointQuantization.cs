using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Asymmetric (zero-point) quantisation to unsigned b-bit codes over the range [min(x, 0), max(x, 0)]:
/// scale = (hi − lo) / (2^b − 1), zero point round(−lo / scale), code clamp(round(x / scale) + zero point).
/// </summary>
public sealed class ZeroPointQuantization : IReferenceSolution
{
    private static readonly int[] Bits = [2, 3, 4, 8];
    private const int MaxLength = 10_000;

    public string Id => "zero-point-quantization";

    public static double[] Compute(IReadOnlyList<double> x, double bits)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0)
        {
            throw new ArgumentException("nothing to quantise", nameof(x));
        }

        StableMath.RequireFinite(x, nameof(x));
        if (bits < 1 || bits > 16 || bits != Math.Floor(bits))
        {
            throw new ArgumentException($"bits = {bits} must be a whole number from 1 to 16", nameof(bits));
        }

        var (scale, zeroPoint, top) = Parameters(x, bits);
        return scale == 0
            ? new double[x.Count]
            : [.. x.Select(v => Math.Clamp(StableMath.RoundHalfAway(v / scale) + zeroPoint, 0, top))];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);


    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(InputReader.Vector(input, "x"), InputReader.Number(input, "bits")));

    public PlotSpec Plot()
    {
        // 3-bit codes over [−0.2, 1]: eight levels, one of them exactly 0.
        double RoundTrip(double v)
        {
            var (scale, zeroPoint, top) = Parameters([-0.2, 1], 3);
            return (Math.Clamp(StableMath.RoundHalfAway(v / scale) + zeroPoint, 0, top) - zeroPoint) * scale;
        }

        return new PlotSpec(
            "3-bit zero-point quantisation of the range [−0.2, 1]",
            "x",
            "dequantised value",
            -0.2,
            1,
            -0.2,
            1.1,
            [
                new PlotSeries("scale · (code − zero point)", PlotSpec.Sample(-0.2, 1, 601, RoundTrip)),
                new PlotSeries("x", PlotSpec.Sample(-0.2, 1, 2, v => v)),
            ]);
    }

    private static (double Scale, double ZeroPoint, double Top) Parameters(IReadOnlyList<double> x, double bits)
    {
        var top = Math.Pow(2, bits) - 1;
        // The range always holds 0, so that 0 (padding, ReLU outputs) is stored exactly.
        var lo = Math.Min(x.Min(), 0);
        var hi = Math.Max(x.Max(), 0);
        if (hi == lo)
        {
            return (0, 0, top);
        }

        var scale = (hi - lo) / top;
        return (scale, Math.Clamp(StableMath.RoundHalfAway(-lo / scale), 0, top), top);
    }

    private static IEnumerable<int> Tied(double[] x, double bits)
    {
        var (scale, _, _) = Parameters(x, bits);
        if (scale == 0)
        {
            return [0];
        }

        var lo = Math.Min(x.Min(), 0);
        return StableMath.NearTie(-lo / scale)
            ? [Array.IndexOf(x, x.Min())]
            : Enumerable.Range(0, x.Length).Where(i => StableMath.NearTie(x[i] / scale));
    }

    private static JsonObject Case(Random random, bool atLimits)
    {
        var length = atLimits ? MaxLength : CaseRandom.Between(random, 1, 10);
        // Ranges on both sides of 0, entirely positive (activations after ReLU) or entirely negative;
        // at the limits always positive, so a range that forgets 0 gets every code wrong.
        var (low, high) = (atLimits ? 0 : CaseRandom.Between(random, 0, 2)) switch
        {
            0 => (0.0, 6.0),
            1 => (-6.0, -0.5),
            _ => (-2.0, 6.0),
        };
        var x = CaseRandom.Vector(random, length, low, high, 3);
        var bits = Bits[CaseRandom.Between(random, 0, Bits.Length - 1)];
        // A quotient within 1e-9 of a rounding tie would let the order of operations decide: such
        // entries are drawn again (the minimum, when it is −lo / scale that ties).
        CaseRandom.Redraw(x, values => Tied(values, bits), () => CaseRandom.Uniform(random, low, high, 3));
        return new JsonObject { ["x"] = InputReader.ToJson(x), ["bits"] = bits };
    }
}
