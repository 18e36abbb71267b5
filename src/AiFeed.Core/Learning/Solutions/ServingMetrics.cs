using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The median and 99th percentile of time to first token (linear interpolation between closest
/// ranks, NumPy's default) and the mean time per output token over requests with at least two tokens.
/// </summary>
public sealed class ServingMetrics : IReferenceSolution
{
    private const int MaxRequests = 10_000;

    private static readonly double[] PlottedSample = [120, 135, 150, 180, 240, 260, 300, 420, 900, 2400];

    public string Id => "serving-metrics";

    /// <summary>[p50 TTFT, p99 TTFT, mean TPOT].</summary>
    public static double[] Compute(IReadOnlyList<double> arrivals, IReadOnlyList<double> firstTokens, IReadOnlyList<double> finishes, IReadOnlyList<double> outputTokens)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(firstTokens);
        ArgumentNullException.ThrowIfNull(finishes);
        ArgumentNullException.ThrowIfNull(outputTokens);
        var n = arrivals.Count;
        if (n == 0 || firstTokens.Count != n || finishes.Count != n || outputTokens.Count != n)
        {
            throw new ArgumentException("the four arrays need one entry per request, at least one request", nameof(arrivals));
        }

        var ttft = new double[n];
        var tpot = new List<double>();
        for (var i = 0; i < n; i++)
        {
            if (!(arrivals[i] <= firstTokens[i] && firstTokens[i] <= finishes[i]) || !double.IsFinite(finishes[i]) || !double.IsFinite(arrivals[i])
                || outputTokens[i] < 1 || outputTokens[i] != Math.Floor(outputTokens[i]))
            {
                throw new ArgumentException($"request {i}: need arrival ≤ first token ≤ finish and a whole number ≥ 1 of tokens", nameof(arrivals));
            }

            ttft[i] = firstTokens[i] - arrivals[i];
            if (outputTokens[i] > 1)
            {
                // The first token's wait is TTFT; the remaining n − 1 tokens share the rest.
                tpot.Add((finishes[i] - firstTokens[i]) / (outputTokens[i] - 1));
            }
        }

        return [Percentile(ttft, 0.5), Percentile(ttft, 0.99), tpot.Count > 0 ? tpot.Average() : 0];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);


    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "arrivals"), InputReader.Vector(input, "first_tokens"), InputReader.Vector(input, "finishes"), InputReader.Vector(input, "output_tokens")));

    public PlotSpec Plot() => new(
        "Percentiles of ten TTFTs (ms): 120, 135, 150, 180, 240, 260, 300, 420, 900, 2400",
        "percentile q",
        "TTFT, ms",
        0,
        100,
        0,
        2500,
        [new PlotSeries("linear interpolation", PlotSpec.Sample(0, 100, 201, q => Percentile(PlottedSample, q / 100)))]);

    private static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static JsonObject Case(Random random, bool atLimits)
    {
        var n = atLimits ? MaxRequests : CaseRandom.Between(random, 1, 12);
        var arrivals = new double[n];
        var first = new double[n];
        var finish = new double[n];
        var tokens = new double[n];
        for (var i = 0; i < n; i++)
        {
            arrivals[i] = CaseRandom.Between(random, 0, 60_000);
            // A queue now and then: a tail of slow first tokens that only the 99th percentile sees.
            first[i] = arrivals[i] + (CaseRandom.Between(random, 0, 19) == 0 ? CaseRandom.Between(random, 2000, 20_000) : CaseRandom.Between(random, 50, 800));
            tokens[i] = CaseRandom.Between(random, 0, 9) == 0 ? 1 : CaseRandom.Between(random, 2, 1000);
            finish[i] = first[i] + ((tokens[i] - 1) * CaseRandom.Between(random, 10, 80));
        }

        return new JsonObject
        {
            ["arrivals"] = InputReader.ToJson(arrivals),
            ["first_tokens"] = InputReader.ToJson(first),
            ["finishes"] = InputReader.ToJson(finish),
            ["output_tokens"] = InputReader.ToJson(tokens),
        };
    }
}
