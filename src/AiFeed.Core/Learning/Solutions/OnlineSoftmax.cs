using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Attention for one query computed block by block, as FlashAttention does: after each block the
/// running maximum m, the running sum l of e^(s − m) and the normalised output so far.
/// </summary>
public sealed class OnlineSoftmax : IReferenceSolution
{
    public const int MaxLength = 1000;
    public const int MaxWidth = 8;
    public const double MaxMagnitude = 10000;

    public string Id => "online-softmax";

    public static double[][] Compute(IReadOnlyList<double> scores, IReadOnlyList<double[]> values, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(values);
        var dv = Tensors.RequireRectangular(values, nameof(values));
        if (scores.Count != values.Count || scores.Any(s => !double.IsFinite(s)))
        {
            throw new ArgumentException($"need one finite score per value row; got {scores.Count} scores and {values.Count} rows", nameof(scores));
        }

        if (blockSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "block_size must be at least 1");
        }

        var states = new List<double[]>();
        var m = double.NegativeInfinity;
        var l = 0.0;
        var accumulator = new double[dv];
        for (var start = 0; start < scores.Count; start += blockSize)
        {
            var end = Math.Min(start + blockSize, scores.Count);
            var newMax = m;
            for (var j = start; j < end; j++)
            {
                newMax = Math.Max(newMax, scores[j]);
            }

            // Everything summed so far was relative to the old maximum: rescale it to the new one.
            var rescale = Math.Exp(m - newMax);
            l *= rescale;
            for (var c = 0; c < dv; c++)
            {
                accumulator[c] *= rescale;
            }

            for (var j = start; j < end; j++)
            {
                var w = Math.Exp(scores[j] - newMax);
                l += w;
                for (var c = 0; c < dv; c++)
                {
                    accumulator[c] += w * values[j][c];
                }
            }

            m = newMax;
            states.Add([m, l, .. accumulator.Select(a => a / l)]);
        }

        return [.. states];
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 12);
        return Draw(random, n, CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 3), CaseRandom.OneIn(random, 3) ? 1 : CaseRandom.Between(random, 1, n), CaseRandom.OneIn(random, 2));
    }

    /// <summary>The longest row of scores up to ±10⁴, the widest values, a block size that leaves a short last block.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, MaxWidth, CaseRandom.Between(random, 3, 97), large: true);

    private static JsonObject Draw(Random random, int n, int dv, int block, bool large)
    {
        var limit = large ? MaxMagnitude : 5;
        var scores = CaseRandom.Vector(random, n, -limit, limit, 2);
        if (large)
        {
            // The running maximum must move: a later block beats the first one by thousands.
            scores[0] = CaseRandom.Uniform(random, 1000, 2000, 2);
            scores[^1] = CaseRandom.Uniform(random, MaxMagnitude - 100, MaxMagnitude, 2);
        }

        return new JsonObject
        {
            ["scores"] = InputReader.ToJson(scores),
            ["values"] = InputReader.ToJson(CaseRandom.Matrix(random, n, dv, -2, 2, 1)),
            ["block_size"] = block,
        };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Matrix(Compute(InputReader.Vector(input, "scores"), InputReader.Matrix(input, "values"), InputReader.Integer(input, "block_size")));

    // Reading memory is what attention waits on: a standard kernel writes and reads the n × n scores,
    // a fused online kernel never stores them.
    public PlotSpec Plot() => new(
        "Memory for one head's attention scores in 16-bit numbers, against sequence length",
        "sequence length n (thousands)",
        "megabytes",
        1,
        32,
        0,
        2100,
        [
            new PlotSeries("n × n score matrix", PlotSpec.Sample(1, 32, 63, n => n * 1000 * n * 1000 * 2 / 1e6)),
            new PlotSeries("online: running m, l per query", PlotSpec.Sample(1, 32, 63, n => n * 1000 * 2 * 4 / 1e6)),
        ]);
}
