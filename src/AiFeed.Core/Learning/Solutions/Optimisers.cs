namespace AiFeed.Learning;

/// <summary>What the optimiser problems share: checking a run of gradients and drawing one.</summary>
internal static class Optimisers
{
    private static readonly double[] GradientScales = [0.001, 1, 1, 100];

    public static void RequireGradients(IReadOnlyList<double> parameters, IReadOnlyList<double[]> gradients)
    {
        if (parameters.Count == 0)
        {
            throw new ArgumentException("there are no parameters", nameof(parameters));
        }

        if (gradients.Any(g => g.Length != parameters.Count))
        {
            throw new ArgumentException($"every gradient must have {parameters.Count} entries, one per parameter", nameof(gradients));
        }
    }

    /// <summary>Parameters and a run of gradients, now and then at the size limits, with gradients of very different scales.</summary>
    public static (double[] Parameters, double[][] Gradients) RandomRun(Random random, int maxParameters, int maxSteps, bool atLimits)
    {
        var count = atLimits || CaseRandom.OneIn(random, 4) ? maxParameters : CaseRandom.Between(random, 1, 4);
        var steps = atLimits || CaseRandom.OneIn(random, 4) ? maxSteps : CaseRandom.Between(random, 1, 5);
        var scale = CaseRandom.Pick(random, GradientScales);
        return (
            CaseRandom.Vector(random, count, -2, 2, 2),
            [.. Enumerable.Range(0, steps).Select(_ => CaseRandom.Vector(random, count, -1, 1, 3).Select(g => Math.Round(g * scale, 6)).ToArray())]);
    }
}
