using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The SwiGLU feed-forward block of LLaMA-style models: (SiLU(x W_gate) ⊙ x W_up) W_down.</summary>
public sealed class SwiGluFfn : IReferenceSolution
{
    public const int MaxRows = 16;
    public const int MaxWidth = 32;
    public const int MaxHidden = 64;
    public const double MaxMagnitude = 30;

    public string Id => "swiglu-ffn";

    public static double[][] Compute(IReadOnlyList<double[]> x, IReadOnlyList<double[]> gate, IReadOnlyList<double[]> up, IReadOnlyList<double[]> down)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(up);
        ArgumentNullException.ThrowIfNull(down);
        Tensors.RequireRectangular(x, nameof(x));
        var gated = Tensors.Multiply(x, gate, "w_gate");
        var linear = Tensors.Multiply(x, up, "w_up");
        if (gated[0].Length != linear[0].Length)
        {
            throw new ArgumentException("w_gate and w_up must have the same hidden width", nameof(up));
        }

        var hidden = gated.Select((row, i) => row.Select((z, j) => Gelu.Silu(z) * linear[i][j]).ToArray()).ToArray();
        return Tensors.Multiply(hidden, down, "w_down");
    }

    public JsonObject Generate(Random random) => Draw(
        random,
        CaseRandom.OneIn(random, 4) ? MaxRows : CaseRandom.Between(random, 1, 3),
        CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 1, 4),
        CaseRandom.OneIn(random, 4) ? MaxHidden : CaseRandom.Between(random, 1, 6),
        CaseRandom.OneIn(random, 2));

    /// <summary>The largest shapes, with gate pre-activations of both signs beyond ±709.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxRows, MaxWidth, MaxHidden, large: true);

    private static JsonObject Draw(Random random, int n, int d, int f, bool large)
    {
        // Large entries push pre-activations past ±709, where e^z overflows a double; the first gate
        // column is x's first row itself scaled up, so both signs occur for sure.
        var limit = large ? MaxMagnitude : 1;
        var x = CaseRandom.Matrix(random, n, d, -limit, limit, 1);
        var gate = CaseRandom.Matrix(random, d, f, -limit, limit, 1);
        if (large)
        {
            for (var i = 0; i < d; i++)
            {
                gate[i][0] = x[0][i] >= 0 ? MaxMagnitude : -MaxMagnitude;
                gate[i][f - 1] = -gate[i][0];
            }

            x[0][0] = x[0][0] >= 0 ? Math.Max(x[0][0], 10) : Math.Min(x[0][0], -10);
        }

        return new JsonObject
        {
            ["x"] = InputReader.ToJson(x),
            ["w_gate"] = InputReader.ToJson(gate),
            ["w_up"] = InputReader.ToJson(CaseRandom.Matrix(random, d, f, -1, 1, 2)),
            ["w_down"] = InputReader.ToJson(CaseRandom.Matrix(random, f, d, -1, 1, 2)),
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Matrix(Compute(
        InputReader.Matrix(input, "x"), InputReader.Matrix(input, "w_gate"), InputReader.Matrix(input, "w_up"), InputReader.Matrix(input, "w_down")));

    public PlotSpec Plot() => new(
        "The gate: SiLU(z) = z·σ(z) and σ(z)",
        "pre-activation z",
        "value",
        -6,
        6,
        -0.5,
        6,
        [
            new PlotSeries("SiLU(z)", PlotSpec.Sample(-6, 6, 121, Gelu.Silu)),
            new PlotSeries("σ(z)", PlotSpec.Sample(-6, 6, 121, Gelu.Sigmoid)),
        ]);
}
