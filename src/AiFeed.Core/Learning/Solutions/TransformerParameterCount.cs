using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Parameters of a GPT-2-style decoder (learned positions, biases, LayerNorms, tied output head):
/// total, non-embedding N, and the training FLOPs per token 6N + 6·layers·context·d_model (Kaplan et al., 2020).
/// </summary>
public sealed class TransformerParameterCount : IReferenceSolution
{
    private const int PlottedLayers = 12;
    private const int PlottedVocabulary = 50257;
    private const int PlottedContext = 1024;

    public string Id => "transformer-parameter-count";

    /// <summary>[total parameters, non-embedding parameters, training FLOPs per token].</summary>
    public static double[] Compute(double vocab, double context, double dModel, double layers, double dFf)
    {
        var v = Whole(vocab, 1_000_000, nameof(vocab));
        var n = Whole(context, 131_072, nameof(context));
        var d = Whole(dModel, 32_768, nameof(dModel));
        var l = Whole(layers, 200, nameof(layers));
        var f = Whole(dFf, 131_072, nameof(dFf));
        // long: 12 · 12288² per layer alone passes 2^31.
        var attention = (4 * d * d) + (4 * d);
        var mlp = (2 * d * f) + f + d;
        var norms = 4 * d;
        var nonEmbedding = (l * (attention + mlp + norms)) + (2 * d);
        var total = nonEmbedding + (v * d) + (n * d);
        var flops = (6 * nonEmbedding) + (6 * l * n * d);
        return [total, nonEmbedding, flops];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Number(input, "vocab"), InputReader.Number(input, "context"), InputReader.Number(input, "d_model"), InputReader.Number(input, "layers"), InputReader.Number(input, "d_ff")));

    public PlotSpec Plot()
    {
        double Millions(double width, int which) => Compute(PlottedVocabulary, PlottedContext, Math.Round(width), PlottedLayers, 4 * Math.Round(width))[which] / 1e6;
        return new PlotSpec(
            "12 layers, GPT-2 vocabulary and context, d_ff = 4·d_model",
            "d_model",
            "parameters, millions",
            64,
            1024,
            0,
            220,
            [
                new PlotSeries("total", PlotSpec.Sample(64, 1024, 61, w => Millions(w, 0))),
                new PlotSeries("non-embedding", PlotSpec.Sample(64, 1024, 61, w => Millions(w, 1))),
            ]);
    }

    private static long Whole(double value, long max, string name) =>
        value >= 1 && value <= max && value == Math.Floor(value)
            ? (long)value
            : throw new ArgumentException($"{name} = {value} must be a whole number from 1 to {max}", name);

    // At the limits d = 8192 to 32,768, where 4·d² alone passes 2^31 and an int product wraps.
    private static JsonObject Case(Random random, bool atLimits)
    {
        var d = 64 * (atLimits ? CaseRandom.Between(random, 128, 512) : CaseRandom.Between(random, 1, 128));
        return new JsonObject
        {
            ["vocab"] = CaseRandom.Between(random, 1000, 256_000),
            ["context"] = 1 << CaseRandom.Between(random, 7, 17),
            ["d_model"] = d,
            ["layers"] = atLimits ? CaseRandom.Between(random, 64, 200) : CaseRandom.Between(random, 1, 64),
            ["d_ff"] = atLimits || CaseRandom.Between(random, 0, 1) == 0 ? Math.Min(4 * d, 131_072) : 256 * CaseRandom.Between(random, 1, 128),
        };
    }
}
