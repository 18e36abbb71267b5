using Lucene.Net.Index;

namespace AiFeed.Search;

/// <summary>
/// A time field's values in one segment, summed up: the oldest and newest (min above max when no
/// document has the field), whether every document has it, and the same for each block of
/// <see cref="BlockSize"/> documents. Posts are written roughly in time order, so a range of
/// recent time covers a run of blocks whole and cuts only the blocks at its ends: the documents of
/// a range are found from the blocks and a look at the doc values of the cut ones
/// (<see cref="TimeRangeFilter"/>), in proportion to the range, not to the segment.
/// </summary>
internal sealed class SegmentTimes
{
    /// <summary>Documents per block: 16 bytes of bounds per 256 posts.</summary>
    public const int BlockSize = 256;

    private readonly long[] blockMin;
    private readonly long[] blockMax;

    // Blocks where some document has no value: never taken whole.
    private readonly bool[] blockGaps;

    private SegmentTimes(long min, long max, bool everyDoc, int maxDoc, long[] blockMin, long[] blockMax, bool[] blockGaps)
    {
        Min = min;
        Max = max;
        EveryDoc = everyDoc;
        MaxDoc = maxDoc;
        this.blockMin = blockMin;
        this.blockMax = blockMax;
        this.blockGaps = blockGaps;
    }

    public long Min { get; }

    public long Max { get; }

    public bool EveryDoc { get; }

    public int MaxDoc { get; }

    public static SegmentTimes Read(AtomicReader segment, string field)
    {
        var values = segment.GetNumericDocValues(field);
        var docsWith = segment.GetDocsWithField(field);
        var maxDoc = segment.MaxDoc;
        var blocks = values is null ? 0 : (maxDoc + BlockSize - 1) / BlockSize;
        var blockMin = new long[blocks];
        var blockMax = new long[blocks];
        var blockGaps = new bool[blocks];
        var min = long.MaxValue;
        var max = long.MinValue;
        var with = 0;
        for (var block = 0; block < blocks; block++)
        {
            var low = long.MaxValue;
            var high = long.MinValue;
            var end = Math.Min(maxDoc, (block + 1) * BlockSize);
            for (var doc = block * BlockSize; doc < end; doc++)
            {
                if (docsWith?.Get(doc) ?? false)
                {
                    var value = values!.Get(doc);
                    low = Math.Min(low, value);
                    high = Math.Max(high, value);
                    with++;
                }
                else
                {
                    blockGaps[block] = true;
                }
            }

            (blockMin[block], blockMax[block]) = (low, high);
            min = Math.Min(min, low);
            max = Math.Max(max, high);
        }

        return new SegmentTimes(min, max, with == maxDoc, maxDoc, blockMin, blockMax, blockGaps);
    }

    /// <summary>
    /// The runs of documents that may hold a time in [<paramref name="min"/>, <paramref name="max"/>]:
    /// each with whether its documents must be looked at (a block the range cuts, or one with
    /// documents without a time) or all hold such a time. In document order; blocks outside the
    /// range left out.
    /// </summary>
    public List<(int From, int To, bool Check)> Runs(long min, long max)
    {
        var runs = new List<(int From, int To, bool Check)>();
        for (var block = 0; block < blockMin.Length; block++)
        {
            var low = blockMin[block];
            var high = blockMax[block];
            if (low > high || high < min || low > max)
            {
                continue;
            }

            var check = blockGaps[block] || low < min || high > max;
            var from = block * BlockSize;
            var to = Math.Min(MaxDoc, from + BlockSize);
            if (runs.Count > 0 && runs[^1] is var last && last.To == from && last.Check == check)
            {
                runs[^1] = (last.From, to, check);
            }
            else
            {
                runs.Add((from, to, check));
            }
        }

        return runs;
    }
}
