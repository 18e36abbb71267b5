using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// A time range (ticks, both ends inclusive) over a time field, decided per segment from the
/// segment's bounds (<see cref="TimeBounds"/>) where it can be: a segment wholly outside the range
/// matches nothing and one wholly inside matches every live document, without reading a term. In a
/// segment that straddles an end, the range's documents come from the segment's blocks
/// (<see cref="SegmentTimes"/>) and the doc values of the blocks it cuts: reading the indexed terms
/// instead cost about a term per post in the range, so a rare word's search, whose window of recent
/// time spans a large share of the store, cost in proportion to the store. Times are doc values
/// only (decision 0080): every index AiFeed wrote holds a time's doc values beside any indexed
/// terms of it, so a segment without them has no document with the field.
/// </summary>
internal sealed class TimeRangeFilter(string field, long min, long max) : Filter
{
    /// <summary>[<paramref name="min"/>, <paramref name="max"/>) as an inclusive range; null ends are open.</summary>
    public static TimeRangeFilter Of(string field, long? min, long? max) =>
        new(field, min ?? long.MinValue, max is { } end ? end - 1 : long.MaxValue);

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        if (reader.GetNumericDocValues(field) is not { } values)
        {
            return null;
        }

        var times = TimeBounds.OfSegment(reader, field);
        return Of(times) switch
        {
            Segment.None => null,
            Segment.Whole => BitsFilteredDocIdSet.Wrap(new Everything(reader.MaxDoc), acceptDocs),
            _ => InRange.Of(times.Runs(min, max), values, reader.GetDocsWithField(field), min, max, acceptDocs, reader),
        };
    }

    /// <summary>What the range is: two ranges with the same key hold the same documents of a reader.</summary>
    public (string Field, long Min, long Max) Key => (@field, min, max);

    /// <summary>The live documents of the range: a segment wholly inside it is counted without visiting one.</summary>
    public int Count(IndexReader reader)
    {
        var count = 0;
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            if (segment.GetNumericDocValues(field) is not { } values)
            {
                continue;
            }

            var times = TimeBounds.OfSegment(segment, field);
            count += Of(times) switch
            {
                Segment.None => 0,
                Segment.Whole => segment.NumDocs,
                _ => InRange.Of(times.Runs(min, max), values, segment.GetDocsWithField(field), min, max, segment.LiveDocs, segment)?.Count() ?? 0,
            };
        }

        return count;
    }

    // Where the segment stands to the range, by its bounds.
    private Segment Of(SegmentTimes times)
    {
        if (times.Min > times.Max || times.Max < min || times.Min > max)
        {
            return Segment.None;
        }

        return times.EveryDoc && times.Min >= min && times.Max <= max ? Segment.Whole : Segment.Part;
    }

    private enum Segment
    {
        None,
        Part,
        Whole,
    }

    public override string ToString() => $"{field}:[{min} TO {max}]";

    // The documents of a straddled segment's runs that are accepted and, in a run the range cuts,
    // hold a time in range (a document without the field reads 0 and is told apart by docsWith).
    // The segment's live documents are read as a bit set (Live): a window over a stretch of a
    // segment where most documents were deleted (replaced by later writes) is walked a word at a
    // time, not a document at a time.
    private sealed class InRange(List<(int From, int To, bool Check)> runs, NumericDocValues values, IBits? docsWith, long min, long max, IBits? acceptDocs, Live? live) : DocIdSet
    {
        public static InRange? Of(List<(int From, int To, bool Check)> runs, NumericDocValues values, IBits? docsWith, long min, long max, IBits? acceptDocs, AtomicReader reader) =>
            runs.Count == 0 ? null : new InRange(runs, values, docsWith, min, max, acceptDocs, acceptDocs is not null && ReferenceEquals(acceptDocs, reader.LiveDocs) ? Live.Of(acceptDocs) : null);

        private List<(int From, int To, bool Check)> Runs => runs;

        public override DocIdSetIterator GetIterator() => new Iterator(this);

        public int Count()
        {
            var count = 0;
            foreach (var (from, to, check) in runs)
            {
                if (!check && acceptDocs is null)
                {
                    count += to - from;
                }
                else if (!check && live is not null)
                {
                    // Runs start and end on blocks' bounds.
                    for (var block = from / SegmentTimes.BlockSize; block * SegmentTimes.BlockSize < to; block++)
                    {
                        count += live.Blocks[block];
                    }
                }
                else
                {
                    for (var doc = Next(from, to, check); doc < to; doc = Next(doc + 1, to, check))
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        // The first document of [at, to) in the set; `to` when none.
        private int Next(int at, int to, bool check)
        {
            for (; at < to; at++)
            {
                if (live is not null)
                {
                    at = live.Bits.NextSetBit(at);
                    if (at < 0 || at >= to)
                    {
                        return to;
                    }
                }
                else if (acceptDocs is not null && !acceptDocs.Get(at))
                {
                    continue;
                }

                if (!check || Holds(at))
                {
                    return at;
                }
            }

            return to;
        }

        private bool Holds(int doc)
        {
            var value = values.Get(doc);
            return value >= min && value <= max && (value != 0 || (docsWith?.Get(doc) ?? false));
        }

        private sealed class Iterator(InRange set) : DocIdSetIterator
        {
            private int doc = -1;
            private int run;

            public override int DocID => doc;

            public override int NextDoc() => Advance(doc + 1);

            public override int Advance(int target)
            {
                var runs = set.Runs;
                for (; run < runs.Count; run++)
                {
                    var (from, to, check) = runs[run];
                    var next = set.Next(Math.Max(target, from), to, check);
                    if (next < to)
                    {
                        return doc = next;
                    }
                }

                return doc = NO_MORE_DOCS;
            }

            public override long GetCost()
            {
                var cost = 0L;
                foreach (var (from, to, _) in set.Runs)
                {
                    cost += to - from;
                }

                return cost;
            }
        }
    }

    // A segment reader's live documents as a bit set, and how many each block holds, read once per
    // live-document bits (the same until deletions reopen the segment).
    private sealed record Live(FixedBitSet Bits, int[] Blocks)
    {
        private static readonly ConditionalWeakTable<IBits, Live> Known = [];

        public static Live Of(IBits live) => Known.GetValue(live, Read);

        private static Live Read(IBits live)
        {
            var bits = new FixedBitSet(live.Length);
            var blocks = new int[(live.Length + SegmentTimes.BlockSize - 1) / SegmentTimes.BlockSize];
            for (var doc = 0; doc < live.Length; doc++)
            {
                if (live.Get(doc))
                {
                    bits.Set(doc);
                    blocks[doc / SegmentTimes.BlockSize]++;
                }
            }

            return new Live(bits, blocks);
        }
    }

    // Every document of a segment (deleted ones are taken out by the wrapper).
    private sealed class Everything(int maxDoc) : DocIdSet
    {
        public override bool IsCacheable => true;

        public override IBits Bits => new Lucene.Net.Util.Bits.MatchAllBits(maxDoc);

        public override DocIdSetIterator GetIterator() => new All(maxDoc);

        private sealed class All(int maxDoc) : DocIdSetIterator
        {
            private int doc = -1;

            public override int DocID => doc;

            public override int NextDoc() => Advance(doc + 1);

            public override int Advance(int target) => doc = target < maxDoc ? target : NO_MORE_DOCS;

            public override long GetCost() => maxDoc;
        }
    }
}
