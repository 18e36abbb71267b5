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

        // Fine-tuning & alignment
        new LoraMerge(),
        new LoraParameterCount(),
        new MaskedSftLoss(),
        new BradleyTerryLoss(),
        new DpoLoss(),
        new PpoClippedObjective(),
        new GaeAdvantages(),
        new KlDivergence(),
        new BestOfN(),

        // Inference & decoding
        new TemperatureEntropy(),
        new SamplingFilter(),
        new RepetitionPenalty(),
        new BeamSearch(),
        new SpeculativeExpectedTokens(),
        new SpeculativeStep(),
        new KvCacheMemory(),

        // Evaluation & scaling
        new Perplexity(),
        new Bleu(),
        new RougeL(),
        new PassAtK(),
        new ExpectedCalibrationError(),
        new TransformerParameterCount(),
        new ChinchillaOptimal(),
        new PowerLawFit(),
        new WilsonInterval(),

        // Serving
        new Int8Absmax(),
        new ZeroPointQuantization(),
        new GroupQuantization(),
        new PagedKvBlocks(),
        new ContinuousBatching(),
        new ServingMetrics(),
        new DecodeRoofline(),
        new TensorParallelMlp(),
    }.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
}
