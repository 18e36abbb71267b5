using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>SGD with momentum and L2 weight decay as torch.optim.SGD does it: v ← μv + g + λp, p ← p − ηv.</summary>
public sealed class SgdMomentum : IReferenceSolution
{
    public const int MaxParameters = 50;
    public const int MaxSteps = 100;
    private static readonly double[] Momenta = [0, 0.5, 0.9, 0.99];

    public string Id => "sgd-momentum";

    public sealed record Settings(double LearningRate, double Momentum, double WeightDecay);

    public static double[] Compute(IReadOnlyList<double> parameters, IReadOnlyList<double[]> gradients, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(settings);
        Optimisers.RequireGradients(parameters, gradients);
        var p = parameters.ToArray();
        var velocity = new double[p.Length];
        foreach (var g in gradients)
        {
            for (var i = 0; i < p.Length; i++)
            {
                velocity[i] = (settings.Momentum * velocity[i]) + g[i] + (settings.WeightDecay * p[i]);
                p[i] -= settings.LearningRate * velocity[i];
            }
        }

        return p;
    }

    public JsonObject Generate(Random random) =>
        Draw(random, Optimisers.RandomRun(random, MaxParameters, MaxSteps, atLimits: false), CaseRandom.Pick(random, Momenta));

    /// <summary>The most parameters over the most steps, with momentum (where the conventions differ).</summary>
    public JsonObject GenerateAtLimits(Random random) =>
        Draw(random, Optimisers.RandomRun(random, MaxParameters, MaxSteps, atLimits: true), CaseRandom.Pick(random, Momenta[1..]));

    private static JsonObject Draw(Random random, (double[] Parameters, double[][] Gradients) run, double momentum)
    {
        var (parameters, gradients) = run;
        return new JsonObject
        {
            ["params"] = InputReader.ToJson(parameters),
            ["grads"] = InputReader.ToJson(gradients),
            ["lr"] = CaseRandom.Uniform(random, 0.001, 0.2, 3),
            ["momentum"] = momentum,
            ["weight_decay"] = CaseRandom.OneIn(random, 2) ? 0 : CaseRandom.Uniform(random, 0.001, 0.1, 3),
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "params"),
        InputReader.Matrix(input, "grads"),
        new Settings(InputReader.Number(input, "lr"), InputReader.Number(input, "momentum"), InputReader.Number(input, "weight_decay"))));

    // The same small learning rate with and without momentum on a one-dimensional quadratic.
    public PlotSpec Plot()
    {
        static double Run(int steps, double momentum)
        {
            double p = 1, v = 0;
            for (var t = 0; t < steps; t++)
            {
                v = (momentum * v) + (5 * p);
                p -= 0.002 * v;
            }

            return p;
        }

        return new PlotSpec(
            "Gradient descent on f(p) = 2.5 p², η = 0.002, from p = 1",
            "step",
            "p",
            0,
            100,
            -0.2,
            1,
            [
                new PlotSeries("momentum 0", PlotSpec.Sample(0, 100, 101, t => Run((int)Math.Round(t), 0))),
                new PlotSeries("momentum 0.9", PlotSpec.Sample(0, 100, 101, t => Run((int)Math.Round(t), 0.9))),
            ]);
    }
}
