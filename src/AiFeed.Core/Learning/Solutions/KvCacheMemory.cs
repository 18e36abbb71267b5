using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Bytes of key-value cache per token, 2 · layers · kv_heads · head_dim · bytes, and the whole cache in GiB.</summary>
public sealed class KvCacheMemory : IReferenceSolution
{
    private const double Gibibyte = 1024.0 * 1024 * 1024;
    private static readonly double[] BytesPerValue = [0.5, 1, 2, 4];
    private static readonly int[] HeadCounts = [1, 2, 4, 8, 16, 32, 40, 64, 96, 128];

    public string Id => "kv-cache-memory";

    /// <summary>[bytes per token, total GiB].</summary>
    public static double[] Compute(double layers, double kvHeads, double headDim, double seqLen, double batch, double bytesPerValue)
    {
        foreach (var (value, name) in new[] { (layers, "layers"), (kvHeads, "kv_heads"), (headDim, "head_dim"), (seqLen, "seq_len"), (batch, "batch") })
        {
            if (value < 1 || value != Math.Floor(value) || value > 1e7)
            {
                throw new ArgumentException($"{name} = {value} must be a whole number from 1 to 10^7", name);
            }
        }

        if (!(bytesPerValue is > 0 and <= 8))
        {
            throw new ArgumentException($"bytes_per_value = {bytesPerValue} must lie in (0, 8]", nameof(bytesPerValue));
        }

        // In doubles: 80 layers · 8 heads · 128 · 2 bytes · 2 · 128k tokens · 64 sequences passes 2^31 many times over.
        var perToken = 2 * layers * kvHeads * headDim * bytesPerValue;
        return [perToken, perToken * seqLen * batch / Gibibyte];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Number(input, "layers"),
        InputReader.Number(input, "kv_heads"),
        InputReader.Number(input, "head_dim"),
        InputReader.Number(input, "seq_len"),
        InputReader.Number(input, "batch"),
        InputReader.Number(input, "bytes_per_value")));

    public PlotSpec Plot() => new(
        "KV cache of one sequence in 16-bit values",
        "context length, thousands of tokens",
        "GiB",
        0,
        128,
        0,
        64,
        [
            new PlotSeries("32 layers × 32 KV heads × 128 (Llama 2 7B)", PlotSpec.Sample(0, 128, 129, k => Compute(32, 32, 128, Math.Max(1, k * 1024), 1, 2)[1])),
            new PlotSeries("32 layers × 8 KV heads × 128 (Llama 3 8B, GQA)", PlotSpec.Sample(0, 128, 129, k => Compute(32, 8, 128, Math.Max(1, k * 1024), 1, 2)[1])),
        ]);

    // At the limits contexts reach 10^6 tokens and batches 256, so the total passes 2^31 bytes and an
    // int product wraps round.
    private static JsonObject Case(Random random, bool atLimits) => new()
    {
        ["layers"] = atLimits ? CaseRandom.Between(random, 32, 128) : CaseRandom.Between(random, 1, 128),
        ["kv_heads"] = HeadCounts[CaseRandom.Between(random, atLimits ? 3 : 0, HeadCounts.Length - 1)],
        ["head_dim"] = 32 * CaseRandom.Between(random, atLimits ? 4 : 1, 8),
        ["seq_len"] = atLimits ? CaseRandom.Between(random, 32_768, 1_000_000) : CaseRandom.Between(random, 1, 32_768),
        ["batch"] = atLimits ? CaseRandom.Between(random, 64, 256) : CaseRandom.Between(random, 1, 256),
        ["bytes_per_value"] = BytesPerValue[CaseRandom.Between(random, 0, BytesPerValue.Length - 1)],
    };
}
