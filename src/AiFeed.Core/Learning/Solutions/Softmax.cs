using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Numerically stable softmax of a vector of logits.</summary>
public sealed class Softmax : IReferenceSolution
{
    public string Id => "softmax";

    public static double[] Compute(IReadOnlyList<double> logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Count == 0)
        {
            throw new ArgumentException("softmax of an empty vector is undefined", nameof(logits));
        }

        if (logits.Any(x => !double.IsFinite(x)))
        {
            throw new ArgumentException("logits must be finite numbers", nameof(logits));
        }

        // Subtracting the maximum changes nothing mathematically and keeps exp from overflowing.
        var max = logits.Max();
        var exps = logits.Select(x => Math.Exp(x - max)).ToArray();
        var sum = exps.Sum();
        return [.. exps.Select(e => e / sum)];
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.Between(random, 2, 6);
        // Now and then a large logit, which overflows a naive exp.
        var scale = CaseRandom.Between(random, 0, 3) == 0 ? 1000 : 5;
        return new JsonObject { ["x"] = InputReader.ToJson(CaseRandom.Vector(random, n, -scale, scale, 2)) };
    }

    /// <summary>Logits up to ±10⁴ (the stated limit) with one of at least 1000: e^1000 overflows a double.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var x = CaseRandom.Vector(random, CaseRandom.Between(random, 3, 8), -10_000, 10_000, 2);
        x[CaseRandom.Between(random, 0, x.Length - 1)] = CaseRandom.Uniform(random, 1000, 10_000, 2);
        return new JsonObject { ["x"] = InputReader.ToJson(x) };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(InputReader.Vector(input, "x")));

    public PlotSpec Plot() => new(
        "softmax([t, 0, −1]) as t varies",
        "logit t",
        "probability",
        -6,
        6,
        0,
        1,
        [
            new PlotSeries("class with logit t", PlotSpec.Sample(-6, 6, 121, t => Compute([t, 0, -1])[0])),
            new PlotSeries("class with logit 0", PlotSpec.Sample(-6, 6, 121, t => Compute([t, 0, -1])[1])),
            new PlotSeries("class with logit −1", PlotSpec.Sample(-6, 6, 121, t => Compute([t, 0, -1])[2])),
        ]);
}
