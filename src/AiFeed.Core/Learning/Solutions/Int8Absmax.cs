using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Symmetric absmax int8 quantisation: scale = max|x| / 127, codes round(x / scale) half away from zero.</summary>
public sealed class Int8Absmax : IReferenceSolution
{
    private const int Levels = 127;
    private const int MaxLength = 10_000;

    public string Id => "int8-absmax";

    public static double[] Compute(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0)
        {
            throw new ArgumentException("nothing to quantise", nameof(x));
        }

        StableMath.RequireFinite(x, nameof(x));
        var absMax = x.Max(Math.Abs);
        if (absMax == 0)
        {
            // All zeros: any scale gives codes 0, and max|x| / 127 = 0 would divide 0 by 0.
            return new double[x.Count];
        }

        var scale = absMax / Levels;
        return [.. x.Select(v => Math.Clamp(StableMath.RoundHalfAway(v / scale), -Levels, Levels))];
    }

    public JsonObject Generate(Random random) =>
        Case(random, CaseRandom.Between(random, 0, 3) == 0 ? CaseRandom.Between(random, 1000, MaxLength) : CaseRandom.Between(random, 1, 10), ties: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, MaxLength, ties: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(InputReader.Vector(input, "x")));

    public PlotSpec Plot() => new(
        "Round-trip error x − scale · code for max|x| = 1 (scale = 1/127)",
        "x",
        "error",
        0,
        0.05,
        -0.005,
        0.005,
        [new PlotSeries("x − x̂", PlotSpec.Sample(0, 0.05, 501, v => v - (Compute([v, 1])[0] / Levels)))]);

    private static IEnumerable<int> Tied(double[] x)
    {
        var scale = x.Max(Math.Abs) / Levels;
        return scale == 0 ? [0] : Enumerable.Range(0, x.Length).Where(i => StableMath.NearTie(x[i] / scale));
    }

    private static JsonObject Case(Random random, int length, bool ties)
    {
        if (ties)
        {
            // Exact ties: with max|x| = 127 · 2^e the scale is 2^e, and (m + 0.5) · 2^e divides to m + 0.5
            // exactly, where round-half-to-even (Python's round, NumPy's rint) disagrees.
            var unit = Math.Pow(2, CaseRandom.Between(random, -6, 3));
            var values = Enumerable.Range(0, length - 1).Select(_ => (CaseRandom.Between(random, -126, 126) + (CaseRandom.Between(random, 0, 1) * 0.5)) * unit).ToList();
            values.Insert(CaseRandom.Between(random, 0, values.Count), (CaseRandom.Between(random, 0, 1) == 0 ? -Levels : Levels) * unit);
            return new JsonObject { ["x"] = InputReader.ToJson(values) };
        }

        // Elsewhere a quotient within 1e-9 of a tie would let the order of operations decide:
        // such entries (and an all-zero vector) are drawn again.
        var x = CaseRandom.Vector(random, length, -4, 4, 3);
        CaseRandom.Redraw(x, Tied, () => CaseRandom.Uniform(random, -4, 4, 3));
        return new JsonObject { ["x"] = InputReader.ToJson(x) };
    }
}
