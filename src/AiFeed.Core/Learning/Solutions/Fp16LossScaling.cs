using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>What a gradient becomes when it is stored in float16 after multiplying by a loss scale, then unscaled: fp16(g·S)/S.</summary>
public sealed class Fp16LossScaling : IReferenceSolution
{
    public const int MaxLength = 1000;
    public const double Fp16Max = 65504;

    public string Id => "fp16-loss-scaling";

    /// <summary>The float16 nearest to x, ties to even, subnormals included (Half's conversion rounds correctly).</summary>
    public static double ToFp16(double x) => (double)(Half)x;

    public static double[] Compute(IReadOnlyList<double> gradients, double scale)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Count == 0 || gradients.Any(g => !double.IsFinite(g)))
        {
            throw new ArgumentException("need at least one finite gradient", nameof(gradients));
        }

        if (!(scale >= 1) || Math.Log2(scale) != Math.Floor(Math.Log2(scale)))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be a power of two, at least 1");
        }

        return [.. gradients.Select((g, i) =>
        {
            var half = ToFp16(g * scale);
            return double.IsFinite(half)
                ? half / scale
                : throw new ArgumentException($"grads[{i}] · scale = {g * scale} overflows float16 (largest finite value {Fp16Max})", nameof(gradients));
        })];
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 8);
        // Magnitudes from 1e-9 to 10 with three significant digits, both signs, and a zero now and then.
        var gradients = Enumerable.Range(0, n).Select(_ => CaseRandom.OneIn(random, 20)
            ? 0
            : (CaseRandom.OneIn(random, 2) ? -1 : 1) * double.Parse(
                $"{CaseRandom.Uniform(random, 1, 9.99, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)}e{CaseRandom.Between(random, -9, 0)}",
                System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // The largest power of two that keeps every scaled gradient below float16's maximum, or a smaller one.
        var largest = gradients.Max(Math.Abs);
        var maxExponent = largest == 0 ? 16 : Math.Min(16, (int)Math.Floor(Math.Log2(Fp16Max / largest)));
        var exponent = CaseRandom.OneIn(random, 4) ? 0 : CaseRandom.Between(random, 0, Math.Max(0, maxExponent));
        return new JsonObject { ["grads"] = InputReader.ToJson(gradients), ["scale"] = Math.Pow(2, exponent) };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Vector(input, "grads"), InputReader.Number(input, "scale")));

    public PlotSpec Plot()
    {
        static double RelativeError(double log2, double scale)
        {
            var g = Math.Pow(2, log2) * 1.1;
            return Math.Abs((ToFp16(g * scale) / scale) - g) / g;
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
}
