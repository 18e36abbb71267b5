using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The parameter count of a GPT-2-style or LLaMA-style decoder from its configuration.</summary>
public sealed class CountParameters : IReferenceSolution
{
    public static readonly string[] Architectures = ["gpt2", "llama"];
    private static readonly int[] HeadWidths = [32, 64, 128];

    public string Id => "count-parameters";

    public sealed record Config(
        string Arch, long VocabSize, long DModel, long Layers, long DFf, long Heads, long KvHeads, long ContextLength, bool Tied);

    public static double Compute(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (arch, vocab, d, layers, ff, heads, kvHeads, context, tied) = config;
        if (new[] { vocab, d, layers, ff, heads, kvHeads, context }.Any(v => v < 1))
        {
            throw new ArgumentException("every size must be at least 1", nameof(config));
        }

        if (d % heads != 0 || heads % kvHeads != 0)
        {
            throw new ArgumentException("n_heads must divide d_model and n_kv_heads must divide n_heads", nameof(config));
        }

        var kv = kvHeads * (d / heads);
        long perLayer, embeddings, finalNorm;
        switch (arch)
        {
            case "gpt2":
                // Fused Q/K/V projection and output projection with biases, a biased two-layer MLP, two LayerNorms (gain and bias).
                perLayer = (d * (d + (2 * kv))) + d + (2 * kv) + (d * d) + d + (d * ff) + ff + (ff * d) + d + (4 * d);
                embeddings = (vocab * d) + (context * d);
                finalNorm = 2 * d;
                break;
            case "llama":
                // No biases; gate, up and down projections; two RMSNorms (gain only); RoPE has no parameters.
                perLayer = (2 * d * d) + (2 * d * kv) + (3 * d * ff) + (2 * d);
                embeddings = vocab * d;
                finalNorm = d;
                break;
            default:
                throw new ArgumentException($"arch must be \"gpt2\" or \"llama\", not \"{arch}\"", nameof(config));
        }

        return embeddings + (layers * perLayer) + finalNorm + (tied ? 0 : vocab * d);
    }

    public JsonObject Generate(Random random)
    {
        var arch = CaseRandom.Pick(random, Architectures);
        var heads = CaseRandom.Between(random, 1, 64);
        var kvHeads = Enumerable.Range(1, heads).Where(k => heads % k == 0).ToArray();
        var d = heads * CaseRandom.Pick(random, HeadWidths);
        return new JsonObject
        {
            ["arch"] = arch,
            ["vocab_size"] = CaseRandom.Between(random, 1000, 256000),
            ["d_model"] = d,
            ["n_layers"] = CaseRandom.Between(random, 1, 100),
            ["d_ff"] = CaseRandom.OneIn(random, 2) ? 4 * d : 256 * CaseRandom.Between(random, 1, 4 * d / 256 * 2),
            ["n_heads"] = heads,
            // GPT-2 itself has as many key/value heads as query heads; the formula allows fewer either way.
            ["n_kv_heads"] = CaseRandom.OneIn(random, 2) ? heads : CaseRandom.Pick(random, kvHeads),
            ["context_length"] = 128 * CaseRandom.Between(random, 1, 256),
            ["tied_embeddings"] = CaseRandom.OneIn(random, 2),
        };
    }

    public NumericValue Solve(JsonObject input)
    {
        long Size(string name) => InputReader.Integer(input, name);
        return NumericValue.Scalar(Compute(new Config(
            InputReader.Choice(input, "arch", Architectures),
            Size("vocab_size"),
            Size("d_model"),
            Size("n_layers"),
            Size("d_ff"),
            Size("n_heads"),
            Size("n_kv_heads"),
            Size("context_length"),
            InputReader.Boolean(input, "tied_embeddings"))));
    }

    // GPT-2 small's shape at other widths: blocks grow with d², the embeddings only with d.
    public PlotSpec Plot()
    {
        double Blocks(double d) => Compute(new Config("gpt2", 50257, (long)d, 12, 4 * (long)d, 1, 1, 1024, true)) - Embeddings(d);
        static double Embeddings(double d) => (50257 + 1024) * d;
        return new PlotSpec(
            "Parameters of a 12-layer GPT-2-style model (vocabulary 50,257) against its width",
            "d_model",
            "millions of parameters",
            128,
            2048,
            0,
            700,
            [
                new PlotSeries("12 blocks (≈ 12 · 12 d²)", PlotSpec.Sample(128, 2048, 61, d => Blocks(Math.Round(d)) / 1e6)),
                new PlotSeries("token + position embeddings", PlotSpec.Sample(128, 2048, 61, d => Embeddings(Math.Round(d)) / 1e6)),
            ]);
    }
}
