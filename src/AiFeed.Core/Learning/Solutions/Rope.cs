using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Rotary position embedding (RoFormer's interleaved pairs): rotate dims (2i, 2i+1) by pos · base^(−2i/d).</summary>
public sealed class Rope : IReferenceSolution
{
    public const int MaxRows = 64;
    public const int MaxWidth = 64;
    public const int MaxPosition = 1_000_000;
    private static readonly double[] Bases = [10000, 500000, 1000000];

    public string Id => "rope";

    public static double[][] Compute(IReadOnlyList<double[]> x, IReadOnlyList<int> positions, double theta)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(positions);
        var d = Tensors.RequireRectangular(x, nameof(x));
        if (d % 2 != 0)
        {
            throw new ArgumentException($"the width {d} must be even: RoPE rotates pairs of dimensions", nameof(x));
        }

        if (positions.Count != x.Count || positions.Any(p => p < 0))
        {
            throw new ArgumentException("positions needs one non-negative position per row of x", nameof(positions));
        }

        if (!(theta > 1))
        {
            throw new ArgumentException("base must be greater than 1", nameof(theta));
        }

        var output = new double[x.Count][];
        for (var r = 0; r < x.Count; r++)
        {
            output[r] = new double[d];
            for (var i = 0; i < d / 2; i++)
            {
                var (sin, cos) = Math.SinCos(positions[r] * Frequency(i, d, theta));
                var (a, b) = (x[r][2 * i], x[r][(2 * i) + 1]);
                output[r][2 * i] = (a * cos) - (b * sin);
                output[r][(2 * i) + 1] = (a * sin) + (b * cos);
            }
        }

        return output;
    }

    /// <summary>θ_i = base^(−2i/d): the angle pair i turns by per position.</summary>
    public static double Frequency(int pair, int width, double theta) => Math.Pow(theta, -2.0 * pair / width);

    public JsonObject Generate(Random random) => Draw(
        random,
        CaseRandom.OneIn(random, 4) ? MaxRows : CaseRandom.Between(random, 1, 4),
        2 * (CaseRandom.OneIn(random, 4) ? MaxWidth / 2 : CaseRandom.Between(random, 1, 4)),
        far: CaseRandom.OneIn(random, 2));

    /// <summary>The most rows, the widest vectors, positions up to a million.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxRows, MaxWidth, far: true);

    private static JsonObject Draw(Random random, int n, int d, bool far)
    {
        // Consecutive positions from 0, as in a prompt, or scattered ones far into a long context.
        var positions = Enumerable.Range(0, n).Select(i => far ? (double)CaseRandom.Between(random, 0, MaxPosition) : i);
        return new JsonObject
        {
            ["x"] = InputReader.ToJson(CaseRandom.Matrix(random, n, d, -2, 2, 2)),
            ["positions"] = InputReader.ToJson(positions),
            ["base"] = CaseRandom.Pick(random, Bases),
        };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Matrix(Compute(InputReader.Matrix(input, "x"), InputReader.Integers(input, "positions"), InputReader.Number(input, "base")));

    // For q = k = a vector of ones, q rotated to m and k rotated to n have the dot product
    // Σ_i 2 cos((m − n) θ_i): it depends on the distance only, and it shrinks (unevenly) as the distance grows.
    public PlotSpec Plot() => new(
        "RoPE: similarity of a vector of ones with itself Δ positions apart (d = 64, base 10000)",
        "distance Δ = m − n",
        "dot product / d",
        0,
        256,
        0,
        1,
        [new PlotSeries("rotated q · rotated k", PlotSpec.Sample(0, 256, 513, delta => Enumerable.Range(0, 32).Sum(i => 2 * Math.Cos(delta * Frequency(i, 64, 10000))) / 64))]);
}
