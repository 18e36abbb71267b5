using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Mean request latency, in decode steps, under continuous (iteration-level) batching, where a slot
/// freed at step t takes the next waiting request at step t, and under static batching, where a
/// batch runs until its longest request ends before the next batch forms. Both serve first come,
/// first served.
/// </summary>
public sealed class ContinuousBatching : IReferenceSolution
{
    private const int PlottedRequests = 200;
    private const int PlottedBatch = 8;
    private const int MaxRequests = 2000;

    public string Id => "continuous-batching";

    /// <summary>[mean latency with continuous batching, mean latency with static batching].</summary>
    public static double[] Compute(IReadOnlyList<double> arrivals, IReadOnlyList<double> outputLens, double maxBatch)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(outputLens);
        if (arrivals.Count == 0 || outputLens.Count != arrivals.Count)
        {
            throw new ArgumentException($"arrivals ({arrivals.Count}) and output_lens ({outputLens.Count}) need one entry per request, at least one", nameof(outputLens));
        }

        if (maxBatch < 1 || maxBatch != Math.Floor(maxBatch) || maxBatch > 100_000)
        {
            throw new ArgumentException($"max_batch = {maxBatch} must be a whole number ≥ 1", nameof(maxBatch));
        }

        for (var i = 0; i < arrivals.Count; i++)
        {
            if (arrivals[i] < 0 || arrivals[i] != Math.Floor(arrivals[i]) || outputLens[i] < 1 || outputLens[i] != Math.Floor(outputLens[i]) || arrivals[i] > 1e9 || outputLens[i] > 1e6)
            {
                throw new ArgumentException($"request {i}: the arrival step must be a whole number ≥ 0 and the output length one ≥ 1", nameof(arrivals));
            }
        }

        var order = Enumerable.Range(0, arrivals.Count).OrderBy(i => arrivals[i]).ThenBy(i => i).ToList();
        return [Continuous(order, arrivals, outputLens, (int)maxBatch), Static(order, arrivals, outputLens, (int)maxBatch)];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);


    public NumericValue Solve(JsonObject input) => NumericValue.Vector(
        Compute(InputReader.Vector(input, "arrivals"), InputReader.Vector(input, "output_lens"), InputReader.Number(input, "max_batch")));

    // 200 requests, one every g steps, asking for 10, 20, …, 100 tokens in turn, batches of 8.
    public PlotSpec Plot()
    {
        double Latency(double gap, int which)
        {
            var arrivals = Enumerable.Range(0, PlottedRequests).Select(i => Math.Floor(i * gap)).ToArray();
            var lengths = Enumerable.Range(0, PlottedRequests).Select(i => 10.0 * ((i % 10) + 1)).ToArray();
            return Compute(arrivals, lengths, PlottedBatch)[which];
        }

        return new PlotSpec(
            "200 requests of 10 to 100 tokens, batches of 8",
            "steps between arrivals",
            "mean latency, steps",
            5,
            15,
            0,
            800,
            [
                new PlotSeries("continuous batching", PlotSpec.Sample(5, 15, 41, g => Latency(g, 0))),
                new PlotSeries("static batching", PlotSpec.Sample(5, 15, 41, g => Latency(g, 1))),
            ]);
    }

    // With every running request advancing one token per step, a slot behaves like a server of a
    // first-come-first-served queue: each request takes the slot that frees earliest.
    private static double Continuous(List<int> order, IReadOnlyList<double> arrivals, IReadOnlyList<double> lengths, int maxBatch)
    {
        var slots = new PriorityQueue<int, double>();
        for (var s = 0; s < maxBatch; s++)
        {
            slots.Enqueue(s, 0);
        }

        var total = 0.0;
        foreach (var i in order)
        {
            slots.TryDequeue(out var slot, out var freeAt);
            var start = Math.Max(arrivals[i], freeAt);
            slots.Enqueue(slot, start + lengths[i]);
            total += start + lengths[i] - arrivals[i];
        }

        return total / order.Count;
    }

    private static double Static(List<int> order, IReadOnlyList<double> arrivals, IReadOnlyList<double> lengths, int maxBatch)
    {
        var total = 0.0;
        var now = 0.0;
        var next = 0;
        while (next < order.Count)
        {
            now = Math.Max(now, arrivals[order[next]]);
            var longest = 0.0;
            for (var taken = 0; taken < maxBatch && next < order.Count && arrivals[order[next]] <= now; taken++, next++)
            {
                var i = order[next];
                total += now + lengths[i] - arrivals[i];
                longest = Math.Max(longest, lengths[i]);
            }

            now += longest;
        }

        return total / order.Count;
    }

    private static JsonObject Case(Random random, bool atLimits)
    {
        var requests = atLimits ? MaxRequests : CaseRandom.Between(random, 1, 10);
        // Arrivals spread over a window that keeps the server busy most of the time.
        var window = Math.Max(1, requests * CaseRandom.Between(random, 1, 20) / 4);
        return new JsonObject
        {
            ["arrivals"] = InputReader.ToJson(Enumerable.Range(0, requests).Select(_ => (double)CaseRandom.Between(random, 0, window))),
            ["output_lens"] = InputReader.ToJson(Enumerable.Range(0, requests).Select(_ => (double)(CaseRandom.Between(random, 0, 4) == 0 ? CaseRandom.Between(random, 100, 512) : CaseRandom.Between(random, 1, 40)))),
            ["max_batch"] = CaseRandom.Between(random, 1, 64),
        };
    }
}
