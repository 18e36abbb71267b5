using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Layer normalisation of one vector: (x − μ) / √(σ² + ε) · γ + β with the population variance.</summary>
public sealed class LayerNorm : IReferenceSolution
{
    public const double Epsilon = 1e-5;

    public string Id => "layer-norm";

    public static double[] Compute(IReadOnlyList<double> x, IReadOnlyList<double> gamma, IReadOnlyList<double> beta)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        if (x.Count == 0)
        {
            throw new ArgumentException("layer norm of an empty vector is undefined", nameof(x));
        }

        if (gamma.Count != x.Count || beta.Count != x.Count)
        {
            throw new ArgumentException($"x, gamma and beta must all have {x.Count} entries", nameof(gamma));
        }

        var mean = x.Average();
        // Divide by N, not N − 1: the transformer normalises the features it has, it does not estimate.
        var variance = x.Sum(v => (v - mean) * (v - mean)) / x.Count;
        var scale = 1 / Math.Sqrt(variance + Epsilon);
        return [.. x.Select((v, i) => ((v - mean) * scale * gamma[i]) + beta[i])];
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.Between(random, 2, 6);
        return new JsonObject
        {
            ["x"] = InputReader.ToJson(CaseRandom.Vector(random, n, -3, 3, 2)),
            ["gamma"] = InputReader.ToJson(CaseRandom.Vector(random, n, 0.5, 1.5, 1)),
            ["beta"] = InputReader.ToJson(CaseRandom.Vector(random, n, -0.5, 0.5, 1)),
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(
        Compute(InputReader.Vector(input, "x"), InputReader.Vector(input, "gamma"), InputReader.Vector(input, "beta")));

    public PlotSpec Plot()
    {
        double[] Normalise(double t) => Compute([t, 0, 1], [1, 1, 1], [0, 0, 0]);
        return new PlotSpec(
            "Layer norm of [t, 0, 1] (γ = 1, β = 0): the output stays bounded however large t grows",
            "t",
            "normalised value",
            -10,
            10,
            -1.5,
            1.5,
            [
                new PlotSeries("entry t", PlotSpec.Sample(-10, 10, 201, t => Normalise(t)[0])),
                new PlotSeries("entry 0", PlotSpec.Sample(-10, 10, 201, t => Normalise(t)[1])),
                new PlotSeries("entry 1", PlotSpec.Sample(-10, 10, 201, t => Normalise(t)[2])),
            ]);
    }
}
