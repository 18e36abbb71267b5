using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>RoPE rotation angles at one position, plain, with position interpolation ("linear") or NTK-aware base scaling.</summary>
public sealed class RopeAngles : IReferenceSolution
{
    public const int MaxWidth = 256;
    public const int MaxPosition = 131_072;
    public static readonly string[] Methods = ["none", "linear", "ntk"];
    private static readonly double[] Bases = [10000, 500000, 1000000];
    private static readonly double[] Scales = [1, 2, 4, 8, 16, 32];

    public string Id => "rope-angles";

    public static double[] Compute(int position, int width, double theta, double scale, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (width < 4 || width % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "dim must be even and at least 4");
        }

        if (!(theta > 1) || !(scale >= 1))
        {
            throw new ArgumentException("base must be above 1 and scale at least 1", nameof(scale));
        }

        var angles = new double[width / 2];
        // NTK-aware scaling raises the base so the lowest frequency shrinks by exactly `scale` and the highest stays.
        var effectiveBase = method == "ntk" ? theta * Math.Pow(scale, width / (width - 2.0)) : theta;
        for (var i = 0; i < angles.Length; i++)
        {
            var frequency = Rope.Frequency(i, width, effectiveBase);
            angles[i] = position * (method switch
            {
                "none" or "ntk" => frequency,
                "linear" => frequency / scale,
                _ => throw new ArgumentException($"method must be \"none\", \"linear\" or \"ntk\", not \"{method}\"", nameof(method)),
            });
        }

        return angles;
    }

    public JsonObject Generate(Random random) => new()
    {
        ["position"] = CaseRandom.OneIn(random, 4) ? MaxPosition : CaseRandom.Between(random, 0, 5000),
        ["dim"] = CaseRandom.OneIn(random, 4) ? MaxWidth : 2 * CaseRandom.Between(random, 2, 8),
        ["base"] = CaseRandom.Pick(random, Bases),
        ["scale"] = CaseRandom.Pick(random, Scales),
        ["method"] = CaseRandom.Pick(random, Methods),
    };

    /// <summary>The farthest position, the widest head and the largest stretch, NTK-scaled (the method with the subtle exponent).</summary>
    public JsonObject GenerateAtLimits(Random random) => new()
    {
        ["position"] = MaxPosition,
        ["dim"] = MaxWidth,
        ["base"] = CaseRandom.Pick(random, Bases),
        ["scale"] = Scales[^1],
        ["method"] = "ntk",
    };

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Integer(input, "position"),
        InputReader.Integer(input, "dim"),
        InputReader.Number(input, "base"),
        InputReader.Number(input, "scale"),
        InputReader.Choice(input, "method", Methods)));

    public PlotSpec Plot() => new(
        "Rotation per position of each RoPE pair, d = 128, base 10000, stretched 8×",
        "pair index i",
        "log₁₀ θᵢ (radians per position)",
        0,
        63,
        -6,
        0,
        [.. Methods.Select(m => new PlotSeries(m == "none" ? "original" : m, PlotSpec.Sample(0, 63, 64, i => Math.Log10(Compute(1, 128, 10000, 8, m)[(int)Math.Round(i)]))))]);
}
