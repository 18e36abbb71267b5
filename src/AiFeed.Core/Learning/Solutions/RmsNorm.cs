using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>RMSNorm of each row: x / √(mean(x²) + ε) · weight, with no mean subtracted and no bias.</summary>
public sealed class RmsNorm : IReferenceSolution
{
    public const int MaxRows = 16;
    public const int MaxWidth = 256;
    private static readonly double[] Epsilons = [1e-5, 1e-6];

    public string Id => "rms-norm";

    public static double[][] Compute(IReadOnlyList<double[]> x, IReadOnlyList<double> weight, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        var d = Tensors.RequireRectangular(x, nameof(x));
        if (weight.Count != d)
        {
            throw new ArgumentException($"weight has {weight.Count} entries but rows of x have {d}", nameof(weight));
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "eps must be positive");
        }

        return [.. x.Select(row =>
        {
            var meanSquare = row.Sum(v => v * v) / d;
            var scale = 1 / Math.Sqrt(meanSquare + epsilon);
            return row.Select((v, i) => v * scale * weight[i]).ToArray();
        })];
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxRows : CaseRandom.Between(random, 1, 3), CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 6));

    /// <summary>The most rows of the greatest width, one of each kind first: tiny (ε matters), zero, large, ordinary.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxRows, MaxWidth);

    private static JsonObject Draw(Random random, int n, int d)
    {
        // Ordinary rows, rows so small that ε matters (a misplaced ε shows), all-zero rows and large rows.
        var rows = Enumerable.Range(0, n).Select(r => (n >= 4 ? r : CaseRandom.Between(random, 0, 4)) switch
        {
            0 => CaseRandom.Vector(random, d, -0.002, 0.002, 5),
            1 => new double[d],
            2 => CaseRandom.Vector(random, d, -1000, 1000, 1),
            _ => CaseRandom.Vector(random, d, -3, 3, 2),
        });
        return new JsonObject
        {
            ["x"] = InputReader.ToJson(rows),
            ["weight"] = InputReader.ToJson(CaseRandom.Vector(random, d, 0.5, 1.5, 2)),
            ["eps"] = CaseRandom.Pick(random, Epsilons),
        };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Matrix(Compute(InputReader.Matrix(input, "x"), InputReader.Vector(input, "weight"), InputReader.Number(input, "eps")));

    public PlotSpec Plot()
    {
        double[] Rms(double t) => Compute([[t, 1, 2]], [1, 1, 1], 1e-6)[0];
        double[] Layer(double t) => LayerNorm.Compute([t, 1, 2], [1, 1, 1], [0, 0, 0]);
        return new PlotSpec(
            "The entry t of [t, 1, 2] after RMSNorm and after LayerNorm",
            "t",
            "normalised entry",
            -10,
            10,
            -1.8,
            1.8,
            [
                new PlotSeries("RMSNorm", PlotSpec.Sample(-10, 10, 201, t => Rms(t)[0])),
                new PlotSeries("LayerNorm", PlotSpec.Sample(-10, 10, 201, t => Layer(t)[0])),
            ]);
    }
}
