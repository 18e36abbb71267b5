using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The parameters of a LLaMA-style decoder (RMSNorm, grouped-query attention without biases, a SwiGLU
/// MLP, RoPE), by part: [embeddings, one block, final norm, output head, total]. The parts are what the
/// grader checks to the unit; a total near 10¹¹ is graded with float32's relative allowance.
/// </summary>
public sealed class LlamaParameterCount : IReferenceSolution
{
    public const int MaxHeads = 64;
    public const int MaxLayers = 128;
    public const int MaxVocabulary = 256_000;
    private static readonly int[] HeadWidths = [32, 64, 128];
    private static readonly int[] DivisorsOf64 = [1, 2, 4, 8, 16, 32, 64];

    public string Id => "llama-parameter-count";

    public sealed record Config(long VocabSize, long DModel, long Layers, long DFf, long Heads, long KvHeads, bool Tied);

    public static double[] Compute(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (vocab, d, layers, ff, heads, kvHeads, tied) = config;
        if (new[] { vocab, d, layers, ff, heads, kvHeads }.Any(v => v < 1))
        {
            throw new ArgumentException("every size must be at least 1", nameof(config));
        }

        if (d % heads != 0 || heads % kvHeads != 0)
        {
            throw new ArgumentException("n_heads must divide d_model and n_kv_heads must divide n_heads", nameof(config));
        }

        // K and V are kvHeads heads of width d / heads each; Q and the output projection are d × d.
        var kv = kvHeads * (d / heads);
        var block = (2 * d * d) + (2 * d * kv) + (3 * d * ff) + (2 * d);
        var embeddings = vocab * d;
        var finalNorm = d;
        var head = tied ? 0 : vocab * d;
        return [embeddings, block, finalNorm, head, embeddings + (layers * block) + finalNorm + head];
    }

    public JsonObject Generate(Random random) => Draw(random, CaseRandom.Between(random, 1, MaxHeads), CaseRandom.Between(random, 1, 40), null, null);

    /// <summary>The largest shapes the statement allows: 64 heads of width 128, 128 layers, a 256,000-token vocabulary.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxHeads, MaxLayers, 128, MaxVocabulary);

    public NumericValue Solve(JsonObject input)
    {
        long Size(string name) => InputReader.Integer(input, name);
        return NumericValue.Vector(Compute(new Config(
            Size("vocab_size"), Size("d_model"), Size("n_layers"), Size("d_ff"), Size("n_heads"), Size("n_kv_heads"), InputReader.Boolean(input, "tied_embeddings"))));
    }

    // LLaMA-2-70B's shape (d = 8192, 80 layers, d_ff = 28672, 64 query heads) with other numbers of key/value heads.
    public PlotSpec Plot() => new(
        "Parameters of a LLaMA-2-70B-shaped model against its number of key/value heads",
        "key/value heads (the divisors of 64)",
        "billions of parameters",
        1,
        64,
        60,
        80,
        [new PlotSeries("total", [.. DivisorsOf64.Select(h => ((double)h, Compute(new Config(32000, 8192, 80, 28672, 64, h, false))[4] / 1e9))])]);

    private static JsonObject Draw(Random random, int heads, int layers, int? headWidth, int? vocabulary)
    {
        var kvHeads = Enumerable.Range(1, heads).Where(k => heads % k == 0).ToArray();
        var d = heads * (headWidth ?? CaseRandom.Pick(random, HeadWidths));
        return new JsonObject
        {
            ["vocab_size"] = vocabulary ?? CaseRandom.Between(random, 1000, MaxVocabulary),
            ["d_model"] = d,
            ["n_layers"] = layers,
            // LLaMA's rule of thumb, about 8/3 · d rounded up to a multiple of 256, or any multiple of 256.
            ["d_ff"] = CaseRandom.OneIn(random, 2) ? 256 * (int)Math.Ceiling(8.0 * d / 3 / 256) : 256 * CaseRandom.Between(random, 1, Math.Max(1, d / 32)),
            ["n_heads"] = heads,
            ["n_kv_heads"] = CaseRandom.OneIn(random, 3) ? heads : CaseRandom.Pick(random, kvHeads),
            ["tied_embeddings"] = CaseRandom.OneIn(random, 3),
        };
    }
}
