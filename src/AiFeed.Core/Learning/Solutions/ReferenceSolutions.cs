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
    }.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
}
