using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Symmetric int4 (codes −7..7) with one scale for the whole vector against one scale per group:
/// the relative RMS error of each in percent, and the storage cost in bits per weight with a 16-bit
/// scale per group.
/// </summary>
public sealed class GroupQuantization : IReferenceSolution
{
    private const int Levels = 7;
    private const int PlottedLength = 4096;
    private const int MaxLength = 20_000;
    private static readonly int[] GroupSizes = [8, 16, 32, 64, 128, 256];

    public string Id => "group-quantization";

    /// <summary>[per-tensor error %, per-group error %, bits per weight].</summary>
    public static double[] Compute(IReadOnlyList<double> x, double groupSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        StableMath.RequireFinite(x, nameof(x));
        if (groupSize < 1 || groupSize != Math.Floor(groupSize))
        {
            throw new ArgumentException($"group_size = {groupSize} must be a whole number ≥ 1", nameof(groupSize));
        }

        var energy = x.Sum(v => v * v);
        if (energy == 0)
        {
            throw new ArgumentException("an all-zero vector has no relative error", nameof(x));
        }

        var size = (int)Math.Min(groupSize, x.Count);
        var groups = (x.Count + size - 1) / size;
        var perGroup = 0.0;
        for (var g = 0; g < groups; g++)
        {
            perGroup += SquaredError(x.Skip(g * size).Take(size).ToArray());
        }

        return [100 * Math.Sqrt(SquaredError([.. x]) / energy), 100 * Math.Sqrt(perGroup / energy), 4 + (16.0 * groups / x.Count)];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);


    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(InputReader.Vector(input, "x"), InputReader.Number(input, "group_size")));

    // A fixed vector of 4096 small weights, sin(i), with an outlier of 20 every 1024 entries.
    public PlotSpec Plot()
    {
        var x = Enumerable.Range(0, PlottedLength).Select(i => i % 1024 == 0 ? 20 : Math.Sin(i)).ToArray();
        return new PlotSpec(
            "int4 error on 4096 weights sin(i) with an outlier of 20 every 1024",
            "log2 group size",
            "relative RMS error, %",
            3,
            12,
            0,
            80,
            [
                new PlotSeries("one scale per group", PlotSpec.Sample(3, 12, 10, e => Compute(x, Math.Pow(2, Math.Round(e)))[1])),
                new PlotSeries("one scale for the tensor", PlotSpec.Sample(3, 12, 10, e => Compute(x, Math.Pow(2, Math.Round(e)))[0])),
            ]);
    }

    private static double SquaredError(double[] values)
    {
        var absMax = values.Max(Math.Abs);
        if (absMax == 0)
        {
            return 0;
        }

        var scale = absMax / Levels;
        return values.Sum(v =>
        {
            var error = v - (Math.Clamp(StableMath.RoundHalfAway(v / scale), -Levels, Levels) * scale);
            return error * error;
        });
    }

    private static IEnumerable<int> Tied(double[] x, int groupSize)
    {
        var tensorScale = x.Max(Math.Abs) / Levels;
        if (tensorScale == 0)
        {
            return [0];
        }

        var groupScales = x.Chunk(groupSize).Select(g => g.Max(Math.Abs) / Levels).ToArray();
        return Enumerable.Range(0, x.Length).Where(i =>
            StableMath.NearTie(x[i] / tensorScale) || (groupScales[i / groupSize] > 0 && StableMath.NearTie(x[i] / groupScales[i / groupSize])));
    }

    private static JsonObject Case(Random random, bool atLimits)
    {
        var length = atLimits ? MaxLength : CaseRandom.Between(random, 2, 16);
        var groupSize = length > 16 ? GroupSizes[CaseRandom.Between(random, 0, GroupSizes.Length - 1)] : CaseRandom.Between(random, 1, length);
        var x = CaseRandom.Vector(random, length, -1, 1, 3);
        // Weights of LLMs hold rare large outliers; they set the whole tensor's scale.
        foreach (var _ in Enumerable.Range(0, Math.Max(1, length / 500)))
        {
            x[CaseRandom.Between(random, 0, length - 1)] = CaseRandom.Uniform(random, -20, 20, 2);
        }

        // Quotients within 1e-9 of a rounding tie, under the tensor's scale or their group's, would
        // let the order of operations decide: such entries are drawn again.
        CaseRandom.Redraw(x, values => Tied(values, groupSize), () => CaseRandom.Uniform(random, -1, 1, 3));
        return new JsonObject { ["x"] = InputReader.ToJson(x), ["group_size"] = groupSize };
    }
}
