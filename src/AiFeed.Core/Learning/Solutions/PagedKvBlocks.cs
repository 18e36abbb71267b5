using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// KV-cache blocks a paged allocator needs (⌈length / block size⌉ per sequence) and the share of
/// reserved slots left empty, against reserving max_len slots per sequence up front.
/// </summary>
public sealed class PagedKvBlocks : IReferenceSolution
{
    private const int PlottedMaxLength = 2048;
    private const int MaxSequences = 10_000;
    private static readonly int[] BlockSizes = [1, 8, 16, 32, 64, 128, 256];

    public string Id => "paged-kv-blocks";

    /// <summary>[blocks, paged waste %, contiguous waste %].</summary>
    public static double[] Compute(IReadOnlyList<double> seqLens, double blockSize, double maxLen)
    {
        ArgumentNullException.ThrowIfNull(seqLens);
        if (seqLens.Count == 0)
        {
            throw new ArgumentException("need at least one sequence", nameof(seqLens));
        }

        if (blockSize < 1 || blockSize != Math.Floor(blockSize) || maxLen < 1 || maxLen != Math.Floor(maxLen) || maxLen > 1e7)
        {
            throw new ArgumentException($"block_size = {blockSize} and max_len = {maxLen} must be whole numbers ≥ 1", nameof(blockSize));
        }

        long tokens = 0, blocks = 0;
        var block = (long)blockSize;
        for (var i = 0; i < seqLens.Count; i++)
        {
            if (seqLens[i] < 1 || seqLens[i] > maxLen || seqLens[i] != Math.Floor(seqLens[i]))
            {
                throw new ArgumentException($"seq_lens[{i}] = {seqLens[i]} must be a whole number from 1 to max_len = {maxLen}", nameof(seqLens));
            }

            var length = (long)seqLens[i];
            tokens += length;
            blocks += (length + block - 1) / block;
        }

        var pagedSlots = blocks * block;
        var contiguousSlots = seqLens.Count * (long)maxLen;
        return [blocks, 100.0 * (pagedSlots - tokens) / pagedSlots, 100.0 * (contiguousSlots - tokens) / contiguousSlots];
    }

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);


    public NumericValue Solve(JsonObject input) => NumericValue.Vector(
        Compute(InputReader.Vector(input, "seq_lens"), InputReader.Number(input, "block_size"), InputReader.Number(input, "max_len")));

    // Every length from 1 to 2048 once: the paged waste grows with the block size, while
    // reserving 2048 slots per sequence wastes about half.
    public PlotSpec Plot()
    {
        var lengths = Enumerable.Range(1, PlottedMaxLength).Select(l => (double)l).ToArray();
        return new PlotSpec(
            "Empty KV slots for sequences of every length from 1 to 2048",
            "log2 block size",
            "reserved slots left empty, %",
            0,
            8,
            0,
            60,
            [
                new PlotSeries("paged blocks", PlotSpec.Sample(0, 8, 9, e => Compute(lengths, Math.Pow(2, Math.Round(e)), PlottedMaxLength)[1])),
                new PlotSeries("2048 reserved per sequence", PlotSpec.Sample(0, 8, 9, e => Compute(lengths, Math.Pow(2, Math.Round(e)), PlottedMaxLength)[2])),
            ]);
    }

    private static JsonObject Case(Random random, bool atLimits)
    {
        var count = atLimits ? MaxSequences : CaseRandom.Between(random, 1, 8);
        var maxLen = 1 << CaseRandom.Between(random, 8, 15);
        return new JsonObject
        {
            ["seq_lens"] = InputReader.ToJson(Enumerable.Range(0, count).Select(_ => (double)CaseRandom.Between(random, 1, maxLen))),
            ["block_size"] = BlockSizes[CaseRandom.Between(random, 0, BlockSizes.Length - 1)],
            ["max_len"] = maxLen,
        };
    }
}
