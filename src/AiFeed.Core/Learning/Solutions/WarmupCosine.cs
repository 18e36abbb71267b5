using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The learning-rate multiplier (LambdaLR's factor of the peak rate) of linear warm-up then cosine decay:
/// (t + 1)/W while t &lt; W, then min_ratio + (1 − min_ratio)·½(1 + cos(π (t − W)/(T − W))) up to T, then min_ratio.
/// </summary>
public sealed class WarmupCosine : IReferenceSolution
{
    public const int MaxSteps = 1000;
    public const int MaxTotalSteps = 1_000_000;

    public string Id => "warmup-cosine";

    public sealed record Schedule(int WarmupSteps, int TotalSteps, double MinRatio);

    public static double At(int step, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var (warmup, total, minRatio) = schedule;
        if (step < warmup)
        {
            // Step 0 already takes a small step; step W − 1 reaches the peak.
            return (step + 1.0) / warmup;
        }

        if (step <= total)
        {
            var progress = (double)(step - warmup) / (total - warmup);
            return minRatio + ((1 - minRatio) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
        }

        return minRatio;
    }

    public static double[] Compute(IReadOnlyList<int> steps, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.WarmupSteps < 0 || schedule.TotalSteps <= schedule.WarmupSteps)
        {
            throw new ArgumentException("need 0 ≤ warmup_steps < total_steps", nameof(schedule));
        }

        if (!(schedule.MinRatio is >= 0 and <= 1))
        {
            throw new ArgumentException("min_ratio must be between 0 and 1", nameof(schedule));
        }

        if (steps.Count == 0 || steps.Any(s => s < 0))
        {
            throw new ArgumentException("need at least one step, none negative", nameof(steps));
        }

        return [.. steps.Select(s => At(s, schedule))];
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.Between(random, 1, 8), CaseRandom.OneIn(random, 5) ? 0 : CaseRandom.Between(random, 1, 2000), CaseRandom.Between(random, 1, 100_000));

    /// <summary>A thousand steps over a million-step run, every boundary among them.</summary>
    public JsonObject GenerateAtLimits(Random random) =>
        Draw(random, MaxSteps, CaseRandom.Between(random, 1, 10_000), MaxTotalSteps);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Integers(input, "steps"),
        new Schedule(InputReader.Integer(input, "warmup_steps"), InputReader.Integer(input, "total_steps"), InputReader.Number(input, "min_ratio"))));

    public PlotSpec Plot()
    {
        var schedule = new Schedule(2000, 60000, 0.1);
        return new PlotSpec(
            "Multiplier of the peak learning rate: 2,000 warm-up steps, cosine decay to 0.1 at step 60,000",
            "step (thousands)",
            "learning rate / peak",
            0,
            70,
            0,
            1.1,
            [new PlotSeries("lr / peak", PlotSpec.Sample(0, 70, 701, k => At((int)Math.Round(k * 1000), schedule)))]);
    }

    private static JsonObject Draw(Random random, int count, int warmup, int decay)
    {
        var total = Math.Min(MaxTotalSteps, warmup + decay);
        // The steps where mistakes show: 0, both sides of the end of warm-up, the middle, the end and beyond.
        int[] special = [0, Math.Max(0, warmup - 1), warmup, warmup + 1, (warmup + total) / 2, total - 1, total, total + 1, total + 5000];
        var steps = Enumerable.Range(0, count)
            .Select(i => (double)(i < special.Length && count >= special.Length ? special[i]
                : CaseRandom.OneIn(random, 2) ? CaseRandom.Pick(random, special) : CaseRandom.Between(random, 0, total + 100)));
        return new JsonObject
        {
            ["steps"] = InputReader.ToJson(steps),
            ["warmup_steps"] = warmup,
            ["total_steps"] = total,
            ["min_ratio"] = CaseRandom.OneIn(random, 3) ? 0 : CaseRandom.Uniform(random, 0.01, 0.2, 2),
        };
    }
}
