using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// One pre-LN decoder block with a single causal head: h = x + Attn(LN(x)) W_o, then
/// y = h + GELU(LN(h) W_1) W_2, LayerNorm without gain or bias (ε = 1e-5), GELU in GPT-2's tanh form.
/// </summary>
public sealed class TransformerBlock : IReferenceSolution
{
    public const int MaxLength = 32;
    public const int MaxWidth = 16;
    public const int MaxHidden = 64;
    public const double MaxWeight = 20;

    public string Id => "transformer-block";

    public sealed record Weights(double[][] Q, double[][] K, double[][] V, double[][] O, double[][] Up, double[][] Down);

    public static double[][] Compute(IReadOnlyList<double[]> x, Weights w)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        var d = Tensors.RequireRectangular(x, nameof(x));
        foreach (var (matrix, name) in new[] { (w.Q, "w_q"), (w.K, "w_k"), (w.V, "w_v"), (w.O, "w_o") })
        {
            if (matrix.Length != d || Tensors.RequireRectangular(matrix, name) != d)
            {
                throw new ArgumentException($"'{name}' must be {d} × {d}", name);
            }
        }

        if (w.Down.Length == 0 || Tensors.RequireRectangular(w.Down, "w_2") != d)
        {
            throw new ArgumentException($"'w_2' must have {d} columns", nameof(w));
        }

        var normed = Normalise(x);
        var attended = CausalAttention.Compute(Tensors.Multiply(normed, w.Q, "w_q"), Tensors.Multiply(normed, w.K, "w_k"), Tensors.Multiply(normed, w.V, "w_v"));
        var h = Add(x, Tensors.Multiply(attended, w.O, "w_o"));
        var hidden = Tensors.Multiply(Normalise(h), w.Up, "w_1").Select(row => row.Select(Gelu.Tanh).ToArray()).ToArray();
        return Add(h, Tensors.Multiply(hidden, w.Down, "w_2"));
    }

    public JsonObject Generate(Random random) => Draw(
        random,
        CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 4),
        CaseRandom.OneIn(random, 4) ? MaxWidth : CaseRandom.Between(random, 2, 4),
        CaseRandom.OneIn(random, 4) ? MaxHidden : CaseRandom.Between(random, 1, 8),
        CaseRandom.OneIn(random, 2));

    /// <summary>The largest shapes with W_k = W_q of entries up to ±20: every token's score with itself is |q|²/√d, in the thousands.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, MaxWidth, MaxHidden, large: true);

    private static JsonObject Draw(Random random, int n, int d, int f, bool large)
    {
        // Large query/key weights make scores in the thousands, where an unshifted softmax overflows;
        // sharing them makes the first token's only score, |q₀|²/√d, surely positive.
        double[][] M(int rows, int columns, double limit) => CaseRandom.Matrix(random, rows, columns, -limit, limit, 2);
        var query = M(d, d, large ? MaxWeight : 1);
        return new JsonObject
        {
            ["x"] = InputReader.ToJson(M(n, d, 2)),
            ["w_q"] = InputReader.ToJson(query),
            ["w_k"] = InputReader.ToJson(large ? query : M(d, d, 1)),
            ["w_v"] = InputReader.ToJson(M(d, d, 1)),
            ["w_o"] = InputReader.ToJson(M(d, d, 1)),
            ["w_1"] = InputReader.ToJson(M(d, f, 1)),
            ["w_2"] = InputReader.ToJson(M(f, d, 1)),
        };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Matrix(Compute(
        InputReader.Matrix(input, "x"),
        new Weights(
            InputReader.Matrix(input, "w_q"),
            InputReader.Matrix(input, "w_k"),
            InputReader.Matrix(input, "w_v"),
            InputReader.Matrix(input, "w_o"),
            InputReader.Matrix(input, "w_1"),
            InputReader.Matrix(input, "w_2"))));

    // Each block adds its output to the stream: with sub-layer outputs of unit variance, the stream's
    // standard deviation grows like √(2L + 1) unless residual projections are scaled down by 1/√(2L).
    public PlotSpec Plot() => new(
        "Standard deviation of the residual stream after L blocks (unit-variance input and sub-layer outputs)",
        "blocks L",
        "standard deviation",
        0,
        48,
        0,
        11,
        [
            new PlotSeries("unscaled: √(1 + 2L)", PlotSpec.Sample(0, 48, 49, l => Math.Sqrt(1 + (2 * l)))),
            new PlotSeries("outputs scaled by 1/√(2L): √2", PlotSpec.Sample(0, 48, 49, l => l == 0 ? 1 : Math.Sqrt(2))),
        ]);

    private static double[][] Normalise(IReadOnlyList<double[]> rows)
    {
        var d = rows[0].Length;
        return [.. rows.Select(r => LayerNorm.Compute(r, Enumerable.Repeat(1.0, d).ToArray(), new double[d]))];
    }

    private static double[][] Add(IReadOnlyList<double[]> a, double[][] b) => [.. a.Select((row, i) => row.Select((v, j) => v + b[i][j]).ToArray())];
}
