using System.Collections.Frozen;

namespace AiFeed.Learning;

/// <summary>The reference solutions a problem file may name; adding a kind of computation means adding one here.</summary>
public static class ReferenceSolutions
{
    public static FrozenDictionary<string, IReferenceSolution> All { get; } = new IReferenceSolution[]
    {
        new BinaryCrossEntropy(),
        new Softmax(),
        new CategoricalCrossEntropy(),
        new PositionalEncodingProblem(),
        new ScaledDotProductAttention(),
        new LayerNorm(),
        new CosineSimilarity(),
        // Chapters 1-4: tokenization and embeddings, attention, the transformer block, training.
        new Utf8Encode(),
        new BpeTrain(),
        new BpeEncode(),
        new WordPiece(),
        new UnigramSegment(),
        new EmbedTokens(),
        new Rope(),
        new AlibiSlopes(),
        new RopeAngles(),
        new CausalAttention(),
        new AttentionMask(),
        new LogSumExp(),
        new SplitHeads(),
        new GroupedQueryAttention(),
        new OnlineSoftmax(),
        new RmsNorm(),
        new Gelu(),
        new SwiGluFfn(),
        new LlamaParameterCount(),
        new TransformerBlock(),
        new LabelSmoothing(),
        new CrossEntropyGradient(),
        new SgdMomentum(),
        new AdamW(),
        new WarmupCosine(),
        new ClipGradNorm(),
        new Fp16LossScaling(),
        new DynamicLossScale(),
    }.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
}
