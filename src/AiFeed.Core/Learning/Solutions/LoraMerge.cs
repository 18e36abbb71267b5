using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>W + (α / r) · B · A: a LoRA adapter folded back into its frozen weight matrix.</summary>
public sealed class LoraMerge : IReferenceSolution
{
    private const double PlottedAlpha = 16;

    public string Id => "lora-merge";

    public static double[][] Compute(IReadOnlyList<double[]> w, IReadOnlyList<double[]> a, IReadOnlyList<double[]> b, double alpha)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (dOut, dIn, rank) = (w.Count, w.Count == 0 ? 0 : w[0].Length, a.Count);
        if (dOut == 0 || dIn == 0 || w.Any(row => row.Length != dIn))
        {
            throw new ArgumentException("W must be a non-empty matrix with rows of equal length", nameof(w));
        }

        if (rank == 0 || a.Any(row => row.Length != dIn))
        {
            throw new ArgumentException($"A must have r ≥ 1 rows of d_in = {dIn} numbers", nameof(a));
        }

        if (b.Count != dOut || b.Any(row => row.Length != rank))
        {
            throw new ArgumentException($"B must be d_out × r = {dOut} × {rank}", nameof(b));
        }

        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentException($"alpha = {alpha} must be a positive number", nameof(alpha));
        }

        var scale = alpha / rank;
        var merged = new double[dOut][];
        for (var i = 0; i < dOut; i++)
        {
            merged[i] = new double[dIn];
            for (var j = 0; j < dIn; j++)
            {
                var delta = 0.0;
                for (var k = 0; k < rank; k++)
                {
                    delta += b[i][k] * a[k][j];
                }

                merged[i][j] = w[i][j] + (scale * delta);
            }
        }

        return merged;
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Matrix(Compute(
        InputReader.Matrix(input, "w"), InputReader.Matrix(input, "a"), InputReader.Matrix(input, "b"), InputReader.Number(input, "alpha")));

    public PlotSpec Plot() => new(
        "The factor that multiplies B·A, α = 16",
        "rank r",
        "scale",
        1,
        64,
        0,
        16,
        [
            new PlotSeries("LoRA: α / r", PlotSpec.Sample(1, 64, 127, r => PlottedAlpha / r)),
            new PlotSeries("rsLoRA: α / √r", PlotSpec.Sample(1, 64, 127, r => PlottedAlpha / Math.Sqrt(r))),
        ]);

    // At the limits: up to 64 × 64 with a rank-16 adapter and α = 32 ≠ r, where scaling by α (or
    // not at all) instead of α / r is wrong.
    private static JsonObject Case(Random random, bool atLimits)
    {
        var dOut = atLimits ? CaseRandom.Between(random, 48, 64) : CaseRandom.Between(random, 1, 6);
        var dIn = atLimits ? CaseRandom.Between(random, 48, 64) : CaseRandom.Between(random, 1, 6);
        var rank = atLimits ? 16 : CaseRandom.Between(random, 1, 4);
        // A freshly initialised adapter has B = 0, so merging changes nothing.
        var fresh = !atLimits && CaseRandom.Between(random, 0, 5) == 0;
        return new JsonObject
        {
            ["w"] = InputReader.ToJson(CaseRandom.Matrix(random, dOut, dIn, -1, 1, 1)),
            ["a"] = InputReader.ToJson(CaseRandom.Matrix(random, rank, dIn, -1, 1, 1)),
            ["b"] = InputReader.ToJson(CaseRandom.Matrix(random, dOut, rank, fresh ? 0 : -1, fresh ? 0 : 1, 1)),
            ["alpha"] = atLimits ? 32.0 : 1 << CaseRandom.Between(random, 0, 5),
        };
    }
}
