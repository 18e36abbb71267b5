using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Megatron-style tensor parallelism of y = ReLU(x W1) W2: each shard holds a block of W1's columns
/// and the matching rows of W2 and returns a partial output; an all-reduce would add the partials.
/// </summary>
public sealed class TensorParallelMlp : IReferenceSolution
{
    public string Id => "tensor-parallel-mlp";

    /// <summary>shards × d_out partial outputs; their column sums are y.</summary>
    public static double[][] Compute(IReadOnlyList<double> x, IReadOnlyList<double[]> w1, IReadOnlyList<double[]> w2, double shards)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w1);
        ArgumentNullException.ThrowIfNull(w2);
        var hidden = w1.Count == 0 ? 0 : w1[0].Length;
        if (x.Count == 0 || w1.Count != x.Count || hidden == 0 || w1.Any(row => row.Length != hidden))
        {
            throw new ArgumentException($"W1 must be d × h with d = {x.Count} rows of equal length", nameof(w1));
        }

        var dOut = w2.Count == 0 ? 0 : w2[0].Length;
        if (w2.Count != hidden || dOut == 0 || w2.Any(row => row.Length != dOut))
        {
            throw new ArgumentException($"W2 must be h × d_out with h = {hidden} rows of equal length", nameof(w2));
        }

        if (shards < 1 || shards != Math.Floor(shards) || hidden % (int)shards != 0)
        {
            throw new ArgumentException($"shards = {shards} must be a whole number that divides h = {hidden}", nameof(shards));
        }

        var width = hidden / (int)shards;
        var partials = new double[(int)shards][];
        for (var s = 0; s < partials.Length; s++)
        {
            partials[s] = new double[dOut];
            for (var j = s * width; j < (s + 1) * width; j++)
            {
                // ReLU is applied per hidden unit, so each shard applies it to its own columns.
                var h = 0.0;
                for (var i = 0; i < x.Count; i++)
                {
                    h += x[i] * w1[i][j];
                }

                h = Math.Max(0, h);
                for (var c = 0; c < dOut; c++)
                {
                    partials[s][c] += h * w2[j][c];
                }
            }
        }

        return partials;
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);


    public NumericValue Solve(JsonObject input) => NumericValue.Matrix(Compute(
        InputReader.Vector(input, "x"), InputReader.Matrix(input, "w1"), InputReader.Matrix(input, "w2"), InputReader.Number(input, "shards")));

    // Per GPU, the MLP's weights shrink as 1/p while each all-reduce of the d-wide output moves
    // 2(p − 1)/p of it (a ring all-reduce).
    public PlotSpec Plot() => new(
        "One MLP block of width 8192 (h = 4d) split over p GPUs",
        "GPUs p",
        "share of the unsplit amount",
        1,
        16,
        0,
        2,
        [
            new PlotSeries("weights per GPU, 1/p", PlotSpec.Sample(1, 16, 16, p => 1 / p)),
            new PlotSeries("data each GPU sends per all-reduce, 2(p − 1)/p", PlotSpec.Sample(1, 16, 16, p => 2 * (p - 1) / p)),
        ]);

    private static JsonObject Case(Random random, bool atLimits)
    {
        // At the limits: d = d_out = 32 and h = 128 over 8 shards.
        var shards = atLimits ? 8 : 1 << CaseRandom.Between(random, 0, 2);
        var d = atLimits ? 32 : CaseRandom.Between(random, 1, 4);
        var hidden = shards * (atLimits ? 16 : CaseRandom.Between(random, 1, 3));
        var dOut = atLimits ? 32 : CaseRandom.Between(random, 1, 4);
        return new JsonObject
        {
            ["x"] = InputReader.ToJson(CaseRandom.Vector(random, d, -1, 1, 1)),
            ["w1"] = InputReader.ToJson(CaseRandom.Matrix(random, d, hidden, -1, 1, 1)),
            ["w2"] = InputReader.ToJson(CaseRandom.Matrix(random, hidden, dOut, -1, 1, 1)),
            ["shards"] = shards,
        };
    }
}
