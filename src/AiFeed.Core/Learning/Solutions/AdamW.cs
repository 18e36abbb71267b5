using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>AdamW (Loshchilov &amp; Hutter) as torch.optim.AdamW runs it: decoupled decay, then the bias-corrected Adam step.</summary>
public sealed class AdamW : IReferenceSolution
{
    public const int MaxParameters = 50;
    public const int MaxSteps = 100;
    private static readonly double[] SecondMomentDecays = [0.95, 0.99, 0.999];

    public string Id => "adamw";

    public sealed record Settings(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay);

    public static double[] Compute(IReadOnlyList<double> parameters, IReadOnlyList<double[]> gradients, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(settings);
        Optimisers.RequireGradients(parameters, gradients);
        var (lr, beta1, beta2, epsilon, decay) = settings;
        if (!(beta1 is >= 0 and < 1) || !(beta2 is >= 0 and < 1) || !(epsilon > 0))
        {
            throw new ArgumentException("need 0 ≤ beta1, beta2 < 1 and eps > 0", nameof(settings));
        }

        var p = parameters.ToArray();
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (var t = 1; t <= gradients.Count; t++)
        {
            var g = gradients[t - 1];
            var correction1 = 1 - Math.Pow(beta1, t);
            var correction2 = 1 - Math.Pow(beta2, t);
            for (var i = 0; i < p.Length; i++)
            {
                p[i] -= lr * decay * p[i];
                m[i] = (beta1 * m[i]) + ((1 - beta1) * g[i]);
                v[i] = (beta2 * v[i]) + ((1 - beta2) * g[i] * g[i]);
                p[i] -= lr * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + epsilon);
            }
        }

        return p;
    }

    public JsonObject Generate(Random random) => Draw(random, Optimisers.RandomRun(random, MaxParameters, MaxSteps, atLimits: false));

    /// <summary>The most parameters over the most steps.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, Optimisers.RandomRun(random, MaxParameters, MaxSteps, atLimits: true));

    private static JsonObject Draw(Random random, (double[] Parameters, double[][] Gradients) run)
    {
        var (parameters, gradients) = run;
        return new JsonObject
        {
            ["params"] = InputReader.ToJson(parameters),
            ["grads"] = InputReader.ToJson(gradients),
            ["lr"] = CaseRandom.Uniform(random, 0.0001, 0.05, 4),
            ["beta1"] = 0.9,
            ["beta2"] = CaseRandom.Pick(random, SecondMomentDecays),
            ["eps"] = 1e-8,
            ["weight_decay"] = CaseRandom.OneIn(random, 3) ? 0 : CaseRandom.Uniform(random, 0.01, 0.1, 2),
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "params"),
        InputReader.Matrix(input, "grads"),
        new Settings(
            InputReader.Number(input, "lr"),
            InputReader.Number(input, "beta1"),
            InputReader.Number(input, "beta2"),
            InputReader.Number(input, "eps"),
            InputReader.Number(input, "weight_decay"))));

    // A constant gradient: the bias-corrected step is lr from the first step on; without the correction
    // it is lr · (1 − β1^t)/√(1 − β2^t): 3.2·lr at t = 1, 6.6·lr near t = 12, still 3.2·lr at t = 100.
    public PlotSpec Plot() => new(
        "Adam's step size (in units of lr) under a constant gradient, β1 = 0.9, β2 = 0.999",
        "step t",
        "|update| / lr",
        1,
        100,
        0,
        7,
        [
            new PlotSeries("with bias correction", PlotSpec.Sample(1, 100, 100, _ => 1)),
            new PlotSeries("without", PlotSpec.Sample(1, 100, 100, t => (1 - Math.Pow(0.9, Math.Round(t))) / Math.Sqrt(1 - Math.Pow(0.999, Math.Round(t))))),
        ]);
}
