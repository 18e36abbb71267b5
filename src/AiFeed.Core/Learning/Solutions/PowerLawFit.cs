using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// A least-squares fit of L − E = a · C^{−b} on log–log axes, returning the exponent b and the loss
/// the fit predicts at a target compute.
/// </summary>
public sealed class PowerLawFit : IReferenceSolution
{
    private const int MaxPoints = 1000;

    public string Id => "power-law-fit";

    /// <summary>[exponent b, predicted loss at the target compute].</summary>
    public static double[] Compute(IReadOnlyList<double> compute, IReadOnlyList<double> loss, double irreducible, double target)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(loss);
        if (compute.Count < 2 || loss.Count != compute.Count)
        {
            throw new ArgumentException($"need at least two (compute, loss) points, one loss per compute value ({compute.Count} and {loss.Count})", nameof(loss));
        }

        if (compute.Any(c => !(c is > 0 and < double.PositiveInfinity)) || !(target is > 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException("compute values and the target must be positive", nameof(compute));
        }

        if (!double.IsFinite(irreducible) || loss.Any(l => !double.IsFinite(l) || l <= irreducible))
        {
            throw new ArgumentException($"every loss must exceed the irreducible loss {irreducible}", nameof(loss));
        }

        var x = compute.Select(c => Math.Log(c)).ToArray();
        var y = loss.Select(l => Math.Log(l - irreducible)).ToArray();
        var meanX = x.Average();
        var meanY = y.Average();
        // Centred sums: Σx² − n·x̄² would cancel away most digits when ln C ≈ 50 ± 3.
        double sxx = 0, sxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }

        if (sxx == 0)
        {
            throw new ArgumentException("all compute values are equal, so no slope can be fitted", nameof(compute));
        }

        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        return [-slope, irreducible + Math.Exp(intercept + (slope * Math.Log(target)))];
    }

    public JsonObject Generate(Random random) => Case(random, CaseRandom.Between(random, 0, 3) == 0 ? CaseRandom.Between(random, 100, MaxPoints) : CaseRandom.Between(random, 2, 8));

    public JsonObject GenerateAtLimits(Random random) => Case(random, MaxPoints);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "compute"), InputReader.Vector(input, "loss"), InputReader.Number(input, "irreducible"), InputReader.Number(input, "target")));

    public PlotSpec Plot() => new(
        "L(C) = 1.69 + 2 · (C / 10^17)^(−0.1)",
        "log10 compute C",
        "loss",
        17,
        26,
        1.5,
        4,
        [
            new PlotSeries("loss", PlotSpec.Sample(17, 26, 91, x => 1.69 + (2 * Math.Pow(10, -0.1 * (x - 17))))),
            new PlotSeries("irreducible E", PlotSpec.Sample(17, 26, 2, _ => 1.69)),
        ]);

    // Compute spread over 10^17..10^24; losses follow the law within ±2% noise, 4 decimals; E is
    // at least 1, so fitting ln L instead of ln(L − E) is visibly wrong.
    private static JsonObject Case(Random random, int points)
    {
        var irreducible = CaseRandom.Uniform(random, 1, 2, 2);
        var exponent = CaseRandom.Uniform(random, 0.03, 0.15, 3);
        var scale = CaseRandom.Uniform(random, 1, 3, 2);
        var compute = Enumerable.Range(0, points).Select(_ => CaseRandom.Scientific(random, 17, 23)).ToArray();
        var loss = compute.Select(c => Math.Round(irreducible + (scale * Math.Pow(c / 1e17, -exponent) * (1 + CaseRandom.Uniform(random, -0.02, 0.02, 3))), 4, MidpointRounding.AwayFromZero)).ToArray();
        if (compute.Distinct().Count() < 2)
        {
            compute[0] *= 10;
        }

        return new JsonObject
        {
            ["compute"] = InputReader.ToJson(compute),
            ["loss"] = InputReader.ToJson(loss),
            ["irreducible"] = irreducible,
            ["target"] = double.Parse(string.Create(CultureInfo.InvariantCulture, $"1E{CaseRandom.Between(random, 22, 27)}"), CultureInfo.InvariantCulture),
        };
    }
}
