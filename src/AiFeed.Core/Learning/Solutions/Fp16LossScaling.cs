using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The float16 bit pattern of each gradient times a loss scale: round to nearest, ties to even,
/// subnormals below 2⁻¹⁴, ±0 kept, ±∞ past 65504.
/// </summary>
public sealed class Fp16LossScaling : IReferenceSolution
{
    public const int MaxLength = 1000;
    public const int MaxScaleExponent = 24;

    // Scaled by 2^14: ±2⁻³⁹ become ±2⁻²⁵, exactly half the smallest subnormal, a tie that rounds to ±0;
    // 2⁻³⁸ + 2⁻⁴⁰ becomes the subnormal 1.25·2⁻²⁴ (rounded to 2⁻²⁴); (1 + 2⁻¹¹)·2⁻¹⁴ and (1 + 3·2⁻¹¹)·2⁻¹⁴
    // become exact ties (to 1 and to 1 + 2⁻⁹); 8 and −9.5 overflow to +∞ and −∞.
    private static readonly double[] EdgeValues =
        [Math.Pow(2, -39), -Math.Pow(2, -39), Math.Pow(2, -38) + Math.Pow(2, -40), (1 + Math.Pow(2, -11)) / 16384, (1 + (3 * Math.Pow(2, -11))) / 16384, 8, -9.5, 0];

    public string Id => "fp16-loss-scaling";

    /// <summary>The bits of the float16 nearest to x (Half's conversion rounds correctly, ties to even).</summary>
    public static int Bits(double x) => BitConverter.HalfToUInt16Bits((Half)x);

    public static double[] Compute(IReadOnlyList<double> gradients, double scale)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Count == 0 || gradients.Any(g => !double.IsFinite(g)))
        {
            throw new ArgumentException("need at least one finite gradient", nameof(gradients));
        }

        if (!(scale >= 1 && scale <= Math.Pow(2, MaxScaleExponent)) || Math.ScaleB(1, Math.ILogB(scale)) != scale)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale must be a power of two from 1 to 2^{MaxScaleExponent}");
        }

        // g · 2^k is exact in a double, so the only rounding is the one to float16.
        return [.. gradients.Select(g => (double)Bits(g * scale))];
    }

    public JsonObject Generate(Random random) => Draw(random, CaseRandom.Between(random, 1, 8), CaseRandom.Between(random, 0, 20));

    /// <summary>A thousand gradients with every kind of value: underflow to ±0, subnormals, exact ties, overflow to ±∞.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var input = Draw(random, MaxLength - EdgeValues.Length, 14);
        var grads = (JsonArray)input["grads"]!;
        foreach (var g in EdgeValues)
        {
            grads.Insert(CaseRandom.Between(random, 0, grads.Count), JsonValue.Create(g));
        }

        return input;
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Vector(input, "grads"), InputReader.Number(input, "scale")));

    public PlotSpec Plot()
    {
        static double RelativeError(double log2, double scale)
        {
            var g = Math.Pow(2, log2) * 1.1;
            return Math.Abs(((double)(Half)(g * scale) / scale) - g) / g;
        }

        return new PlotSpec(
            "Relative error of a gradient g = 1.1 · 2ᵏ stored in float16, without and with a loss scale of 1024",
            "k (the gradient's power of two)",
            "relative error",
            -34,
            0,
            0,
            1.05,
            [
                new PlotSeries("scale 1", PlotSpec.Sample(-34, 0, 341, k => RelativeError(k, 1))),
                new PlotSeries("scale 1024", PlotSpec.Sample(-34, 0, 341, k => RelativeError(k, 1024))),
            ]);
    }

    // Magnitudes from 1e-9 to 10 with three significant digits, both signs, a zero now and then.
    private static JsonObject Draw(Random random, int n, int scaleExponent)
    {
        var gradients = Enumerable.Range(0, n).Select(_ => CaseRandom.OneIn(random, 20)
            ? 0
            : (CaseRandom.OneIn(random, 2) ? -1 : 1) * CaseRandom.Uniform(random, 1, 9.99, 2) * Math.Pow(10, CaseRandom.Between(random, -9, 0)))
            .Select(g => double.Parse(g.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        return new JsonObject { ["grads"] = InputReader.ToJson(gradients), ["scale"] = Math.Pow(2, scaleExponent) };
    }
}
