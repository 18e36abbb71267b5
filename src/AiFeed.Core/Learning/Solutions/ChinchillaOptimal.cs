using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The compute-optimal model size and token count for L(N, D) = E + A/N^α + B/D^β under C = 6ND
/// (Hoffmann et al., 2022): N = G (C/6)^{β/(α+β)}, G = (αA / βB)^{1/(α+β)}, D = (C/6) / N.
/// </summary>
public sealed class ChinchillaOptimal : IReferenceSolution
{
    // The fit Hoffmann et al. publish for their approach 3.
    private const double ChinchillaE = 1.69;
    private const double ChinchillaA = 406.4;
    private const double ChinchillaB = 410.7;
    private const double ChinchillaAlpha = 0.34;
    private const double ChinchillaBeta = 0.28;

    public string Id => "chinchilla-optimal";

    /// <summary>[N in billions of parameters, D in billions of tokens, the loss there].</summary>
    public static double[] Compute(double compute, double irreducible, double a, double b, double alpha, double beta)
    {
        if (!(compute is > 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException($"compute = {compute} must be a positive number of FLOPs", nameof(compute));
        }

        if (!double.IsFinite(irreducible) || !(a > 0 && b > 0 && alpha > 0 && beta > 0) || double.IsInfinity(a + b + alpha + beta))
        {
            throw new ArgumentException("A, B, alpha and beta must be positive and E finite", nameof(a));
        }

        var product = compute / 6;
        var g = Math.Pow(alpha * a / (beta * b), 1 / (alpha + beta));
        var n = g * Math.Pow(product, beta / (alpha + beta));
        var d = product / n;
        return [n / 1e9, d / 1e9, irreducible + (a / Math.Pow(n, alpha)) + (b / Math.Pow(d, beta))];
    }

    public JsonObject Generate(Random random) => new()
    {
        ["compute"] = CaseRandom.Scientific(random, 18, 25),
        ["irreducible"] = CaseRandom.Uniform(random, 1.5, 2, 2),
        ["a"] = CaseRandom.Uniform(random, 100, 1000, 1),
        ["b"] = CaseRandom.Uniform(random, 100, 1000, 1),
        ["alpha"] = CaseRandom.Uniform(random, 0.25, 0.4, 2),
        ["beta"] = CaseRandom.Uniform(random, 0.25, 0.4, 2),
    };

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Number(input, "compute"),
        InputReader.Number(input, "irreducible"),
        InputReader.Number(input, "a"),
        InputReader.Number(input, "b"),
        InputReader.Number(input, "alpha"),
        InputReader.Number(input, "beta")));

    public PlotSpec Plot()
    {
        double Log10(double exponent, int which) => Math.Log10(1e9 * Compute(Math.Pow(10, exponent), ChinchillaE, ChinchillaA, ChinchillaB, ChinchillaAlpha, ChinchillaBeta)[which]);
        return new PlotSpec(
            "Compute-optimal allocation with Hoffmann et al.'s fitted constants",
            "log10 training FLOPs C",
            "log10 count",
            18,
            26,
            7,
            14,
            [
                new PlotSeries("parameters N", PlotSpec.Sample(18, 26, 81, x => Log10(x, 0))),
                new PlotSeries("tokens D", PlotSpec.Sample(18, 26, 81, x => Log10(x, 1))),
            ]);
    }
}
