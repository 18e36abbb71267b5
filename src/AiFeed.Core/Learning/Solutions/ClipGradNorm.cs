using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// torch.nn.utils.clip_grad_norm_: one norm over all gradients together; if it exceeds max_norm, every
/// gradient is multiplied by max_norm / (norm + 1e-6). Returns the clipped gradients flattened in order.
/// </summary>
public sealed class ClipGradNorm : IReferenceSolution
{
    public const int MaxTensors = 20;
    public const int MaxTensorLength = 100;

    public string Id => "clip-grad-norm";

    public static double[] Compute(IReadOnlyList<double[]> gradients, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Count == 0 || gradients.Any(g => g.Length == 0))
        {
            throw new ArgumentException("need at least one gradient tensor, none empty", nameof(gradients));
        }

        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "max_norm must be positive");
        }

        var total = Math.Sqrt(gradients.Sum(g => g.Sum(x => x * x)));
        var coefficient = maxNorm / (total + 1e-6);
        // Clipping only ever shrinks: small gradients pass unchanged.
        var factor = coefficient < 1 ? coefficient : 1;
        return [.. gradients.SelectMany(g => g.Select(x => x * factor))];
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxTensors : CaseRandom.Between(random, 1, 4), () => CaseRandom.OneIn(random, 4) ? MaxTensorLength : CaseRandom.Between(random, 1, 5), clip: CaseRandom.OneIn(random, 2));

    /// <summary>The most tensors, each of the greatest length, with a global norm above max_norm while every single tensor's is below it.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var input = Draw(random, MaxTensors, () => MaxTensorLength, clip: true);
        var gradients = InputReader.Matrix(input, "grads");
        var largest = gradients.Max(g => Math.Sqrt(g.Sum(x => x * x)));
        var total = Math.Sqrt(gradients.Sum(g => g.Sum(x => x * x)));
        input["max_norm"] = Math.Round(CaseRandom.Uniform(random, largest + 0.01, total - 0.01, 2), 2);
        return input;
    }

    private static JsonObject Draw(Random random, int tensors, Func<int> length, bool clip)
    {
        var gradients = Enumerable.Range(0, tensors).Select(_ => CaseRandom.Vector(random, length(), -3, 3, 2)).ToArray();
        var norm = Math.Sqrt(gradients.Sum(g => g.Sum(x => x * x)));
        // Below the norm (clipping happens) or above it (nothing changes).
        var maxNorm = Math.Max(0.01, Math.Round(norm * (clip ? CaseRandom.Uniform(random, 0.05, 0.95, 2) : CaseRandom.Uniform(random, 1.05, 3, 2)), 2));
        return new JsonObject { ["grads"] = InputReader.ToJson(gradients), ["max_norm"] = maxNorm };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Matrix(input, "grads"), InputReader.Number(input, "max_norm")));

    public PlotSpec Plot() => new(
        "Gradient norm after clipping at max_norm = 1, against the norm before",
        "global norm before clipping",
        "global norm after clipping",
        0,
        4,
        0,
        4,
        [
            new PlotSeries("clipped", PlotSpec.Sample(0, 4, 161, n => n * Math.Min(1, 1 / (n + 1e-6)))),
            new PlotSeries("unclipped", PlotSpec.Sample(0, 4, 161, n => n)),
        ]);
}
