using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>torch.amp.GradScaler's schedule: halve the scale and skip the step on overflow, double it after growth_interval clean steps.</summary>
public sealed class DynamicLossScale : IReferenceSolution
{
    public const int MaxSteps = 2000;
    public const int MaxOverflows = 16;

    public string Id => "dynamic-loss-scale";

    public static double[] Compute(IReadOnlyList<int> overflows, double initialScale, int growthInterval)
    {
        ArgumentNullException.ThrowIfNull(overflows);
        if (overflows.Count == 0 || overflows.Any(o => o is not (0 or 1)))
        {
            throw new ArgumentException("overflows must be a non-empty list of 0s and 1s", nameof(overflows));
        }

        if (!(initialScale > 0) || growthInterval < 1)
        {
            throw new ArgumentException("need init_scale > 0 and growth_interval ≥ 1", nameof(growthInterval));
        }

        var used = new double[overflows.Count];
        var scale = initialScale;
        var clean = 0;
        for (var t = 0; t < overflows.Count; t++)
        {
            used[t] = scale;
            if (overflows[t] == 1)
            {
                scale *= 0.5;
                clean = 0;
            }
            else if (++clean == growthInterval)
            {
                scale *= 2;
                clean = 0;
            }
        }

        return used;
    }

    public JsonObject Generate(Random random) => Draw(random, CaseRandom.OneIn(random, 4) ? MaxSteps : CaseRandom.Between(random, 1, 30), 0);

    /// <summary>The longest run, with at least 4 overflows among its 2000 steps.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxSteps, 4);

    private static JsonObject Draw(Random random, int steps, int minimumOverflows)
    {
        // Overflows are rare after the first steps, and at most MaxOverflows; the scale grows at most 20 times.
        var overflows = new double[steps];
        var budget = CaseRandom.Between(random, minimumOverflows, MaxOverflows);
        for (var t = 0; t < steps && budget > 0; t++)
        {
            if (CaseRandom.OneIn(random, t < 5 ? 2 : Math.Max(2, steps / MaxOverflows)))
            {
                overflows[t] = 1;
                budget--;
            }
        }

        return new JsonObject
        {
            ["overflows"] = InputReader.ToJson(overflows),
            // At least 2^(overflows), so the scale never drops below 1 (at 4 decimals smaller scales would blur).
            ["init_scale"] = Math.Pow(2, CaseRandom.Between(random, (int)overflows.Sum(), 16)),
            ["growth_interval"] = CaseRandom.Between(random, Math.Max(1, steps / 20), Math.Max(1, steps / 2)),
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Integers(input, "overflows"), InputReader.Number(input, "init_scale"), InputReader.Integer(input, "growth_interval")));

    // A run whose gradients would overflow above 2^12: the scale backs off quickly, then probes upwards every 100 clean steps.
    public PlotSpec Plot()
    {
        const int Steps = 1000;
        var scale = 65536.0;
        var clean = 0;
        var overflows = new int[Steps];
        for (var t = 0; t < Steps; t++)
        {
            overflows[t] = scale > 4096 ? 1 : 0;
            (scale, clean) = overflows[t] == 1 ? (scale / 2, 0) : clean + 1 == 100 ? (scale * 2, 0) : (scale, clean + 1);
        }

        var used = Compute(overflows, 65536, 100);
        return new PlotSpec(
            "Loss scale when gradients overflow float16 above a scale of 2¹², growth interval 100",
            "step",
            "log₂ scale",
            0,
            Steps,
            10,
            17,
            [new PlotSeries("log₂ of the scale used", PlotSpec.Sample(0, Steps - 1, Steps, t => Math.Log2(used[(int)Math.Round(t)])))]);
    }
}
