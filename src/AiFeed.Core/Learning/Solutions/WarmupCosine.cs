using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Linear warm-up to max_lr, cosine decay to min_lr at total_steps, then min_lr.</summary>
public sealed class WarmupCosine : IReferenceSolution
{
    public const int MaxSteps = 1000;

    public string Id => "warmup-cosine";

    public sealed record Schedule(double MaxLr, double MinLr, int WarmupSteps, int TotalSteps);

    public static double At(int step, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var (maxLr, minLr, warmup, total) = schedule;
        if (step < warmup)
        {
            // Step 0 already takes a small step; step warmup − 1 reaches max_lr.
            return maxLr * (step + 1) / warmup;
        }

        if (step <= total)
        {
            var progress = (double)(step - warmup) / (total - warmup);
            return minLr + (0.5 * (maxLr - minLr) * (1 + Math.Cos(Math.PI * progress)));
        }

        return minLr;
    }

    public static double[] Compute(IReadOnlyList<int> steps, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.WarmupSteps < 0 || schedule.TotalSteps <= schedule.WarmupSteps)
        {
            throw new ArgumentException("need 0 ≤ warmup_steps < total_steps", nameof(schedule));
        }

        if (!(schedule.MinLr >= 0 && schedule.MinLr <= schedule.MaxLr))
        {
            throw new ArgumentException("need 0 ≤ min_lr ≤ max_lr", nameof(schedule));
        }

        if (steps.Count == 0 || steps.Any(s => s < 0))
        {
            throw new ArgumentException("need at least one step, none negative", nameof(steps));
        }

        return [.. steps.Select(s => At(s, schedule))];
    }

    public JsonObject Generate(Random random)
    {
        var warmup = CaseRandom.OneIn(random, 5) ? 0 : CaseRandom.Between(random, 1, 2000);
        var total = warmup + CaseRandom.Between(random, 1, 100000);
        // The steps where mistakes show: 0, both sides of the end of warm-up, the end and beyond, and random ones.
        int[] special = [0, Math.Max(0, warmup - 1), warmup, warmup + 1, (warmup + total) / 2, total, total + 1, total + 5000];
        var count = CaseRandom.OneIn(random, 4) ? MaxSteps : CaseRandom.Between(random, 1, 8);
        var steps = Enumerable.Range(0, count).Select(_ => (double)(CaseRandom.OneIn(random, 2)
            ? CaseRandom.Pick(random, special)
            : CaseRandom.Between(random, 0, total + 100)));
        var maxLr = CaseRandom.Uniform(random, 0.0001, 0.01, 5);
        return new JsonObject
        {
            ["steps"] = InputReader.ToJson(steps),
            ["max_lr"] = maxLr,
            ["min_lr"] = CaseRandom.OneIn(random, 3) ? 0 : Math.Round(maxLr / 10, 6, MidpointRounding.AwayFromZero),
            ["warmup_steps"] = warmup,
            ["total_steps"] = total,
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Integers(input, "steps"),
        new Schedule(
            InputReader.Number(input, "max_lr"),
            InputReader.Number(input, "min_lr"),
            InputReader.Integer(input, "warmup_steps"),
            InputReader.Integer(input, "total_steps"))));

    public PlotSpec Plot()
    {
        var schedule = new Schedule(6e-4, 6e-5, 2000, 60000);
        return new PlotSpec(
            "Learning rate: 2,000 warm-up steps to 6e-4, cosine decay to 6e-5 at step 60,000",
            "step (thousands)",
            "learning rate (× 10⁻⁴)",
            0,
            70,
            0,
            7,
            [new PlotSeries("lr", PlotSpec.Sample(0, 70, 701, k => At((int)Math.Round(k * 1000), schedule) * 1e4))]);
    }
}
