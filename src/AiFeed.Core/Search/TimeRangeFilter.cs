using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// A time range (ticks, both ends inclusive) over a time field, decided per segment from the
/// segment's bounds (<see cref="TimeBounds"/>) where it can be: a segment wholly outside the range
/// matches nothing and one wholly inside matches every live document, without reading a term. Only
/// a segment that straddles an end reads the indexed terms. Posts arrive roughly in time order, so
/// a window of recent time straddles a segment or two; the range query alone walked ~150 terms in
/// every segment (most of a newest page's cost).
/// </summary>
internal sealed class TimeRangeFilter(string field, long min, long max) : Filter
{
    private readonly NumericRangeFilter<long> terms = NumericRangeFilter.NewInt64Range(field, PostFields.TimeStep, min, max, true, true);

    // A straddled segment's documents, read from the terms once per segment and accepted documents:
    // a search counts its window's posts (Count) with the sets its scoring built, instead of
    // walking the terms again (8 % of a search that widened its window).
    private readonly ConcurrentDictionary<(object Core, IBits? Accepted), DocIdSet?> parts = new();

    /// <summary>[<paramref name="min"/>, <paramref name="max"/>) as an inclusive range; null ends are open.</summary>
    public static TimeRangeFilter Of(string field, long? min, long? max) =>
        new(field, min ?? long.MinValue, max is { } end ? end - 1 : long.MaxValue);

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs) => Of(context) switch
    {
        Segment.None => null,
        Segment.Whole => BitsFilteredDocIdSet.Wrap(new Everything(context.AtomicReader.MaxDoc), acceptDocs),
        _ => PartOf(context, acceptDocs),
    };

    private DocIdSet? PartOf(AtomicReaderContext context, IBits? acceptDocs) =>
        parts.GetOrAdd((context.AtomicReader.CoreCacheKey, acceptDocs), _ => terms.GetDocIdSet(context, acceptDocs));

    /// <summary>The live documents of the range: a segment wholly inside it is counted without visiting one.</summary>
    public int Count(IndexReader reader)
    {
        var count = 0;
        foreach (var leaf in reader.Leaves)
        {
            var segment = Of(leaf);
            if (segment == Segment.Whole)
            {
                count += leaf.AtomicReader.NumDocs;
            }
            else if (segment == Segment.Part)
            {
                count += Cardinality(PartOf(leaf, leaf.AtomicReader.LiveDocs));
            }
        }

        return count;
    }

    private static int Cardinality(DocIdSet? set)
    {
        if (set is FixedBitSet bits)
        {
            return bits.Cardinality;
        }

        var count = 0;
        var docs = set?.GetIterator();
        while (docs is not null && docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
        {
            count++;
        }

        return count;
    }

    // Where the segment stands to the range, by its bounds; without time doc values to bound it by, the terms decide.
    private Segment Of(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        if (reader.GetNumericDocValues(field) is null)
        {
            return Segment.Part;
        }

        var (oldest, newest, everyDoc) = TimeBounds.OfSegment(reader, field);
        if (oldest > newest || newest < min || oldest > max)
        {
            return Segment.None;
        }

        return everyDoc && oldest >= min && newest <= max ? Segment.Whole : Segment.Part;
    }

    private enum Segment
    {
        None,
        Part,
        Whole,
    }

    public override string ToString() => $"{field}:[{min} TO {max}]";

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
