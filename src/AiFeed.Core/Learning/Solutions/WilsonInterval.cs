using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>An accuracy and its Wilson score interval, which stays sensible at 0 and at n correct where the Wald interval collapses.</summary>
public sealed class WilsonInterval : IReferenceSolution
{
    private const int PlottedTotal = 20;
    private const int MaxTotal = 1_000_000_000;
    private const double PlottedZ = 1.96;
    private static readonly double[] Zs = [1.645, 1.96, 2.576];

    public string Id => "wilson-interval";

    /// <summary>[accuracy, lower bound, upper bound].</summary>
    public static double[] Compute(double correct, double total, double z)
    {
        if (total < 1 || total != Math.Floor(total) || correct < 0 || correct > total || correct != Math.Floor(correct) || total > 1e12)
        {
            throw new ArgumentException($"need whole numbers 0 ≤ correct = {correct} ≤ total = {total}, total ≥ 1", nameof(correct));
        }

        if (!(z is > 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException($"z = {z} must be positive", nameof(z));
        }

        var p = correct / total;
        var z2 = z * z;
        var denominator = 1 + (z2 / total);
        var centre = (p + (z2 / (2 * total))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / total) + (z2 / (4 * total * total)));
        return [p, Math.Max(0, centre - half), Math.Min(1, centre + half)];
    }

    public JsonObject Generate(Random random) =>
        Case(random, CaseRandom.Between(random, 0, 3) == 0 ? CaseRandom.Between(random, 1000, MaxTotal) : CaseRandom.Between(random, 1, 100), CaseRandom.Between(random, 0, 5));

    // The hard case is not the largest n (there both intervals shrink below 10^−4) but a score of 0 or
    // n on a small benchmark, where the Wald interval has zero width.
    public JsonObject GenerateAtLimits(Random random) => Case(random, CaseRandom.Between(random, 1, 100), CaseRandom.Between(random, 0, 1));

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(
        Compute(InputReader.Number(input, "correct"), InputReader.Number(input, "total"), InputReader.Number(input, "z")));

    public PlotSpec Plot()
    {
        static double Wald(double k, double sign)
        {
            var p = k / PlottedTotal;
            return Math.Clamp(p + (sign * PlottedZ * Math.Sqrt(p * (1 - p) / PlottedTotal)), 0, 1);
        }

        return new PlotSpec(
            "95% intervals for k correct out of 20",
            "correct answers k",
            "accuracy",
            0,
            20,
            0,
            1,
            [
                new PlotSeries("Wilson lower", PlotSpec.Sample(0, 20, 21, k => Compute(k, PlottedTotal, PlottedZ)[1])),
                new PlotSeries("Wilson upper", PlotSpec.Sample(0, 20, 21, k => Compute(k, PlottedTotal, PlottedZ)[2])),
                new PlotSeries("Wald lower", PlotSpec.Sample(0, 20, 21, k => Wald(k, -1))),
                new PlotSeries("Wald upper", PlotSpec.Sample(0, 20, 21, k => Wald(k, 1))),
            ]);
    }

    // Kinds 0 and 1 sit at 0 and at all correct, where the Wald interval has zero width.
    private static JsonObject Case(Random random, int total, int kind)
    {
        var correct = kind switch
        {
            0 => 0,
            1 => total,
            _ => CaseRandom.Between(random, 0, total),
        };
        return new JsonObject { ["correct"] = correct, ["total"] = total, ["z"] = Zs[CaseRandom.Between(random, 0, Zs.Length - 1)] };
    }
}
