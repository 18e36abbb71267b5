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

    /// <summary>[<paramref name="min"/>, <paramref name="max"/>) as an inclusive range; null ends are open.</summary>
    public static TimeRangeFilter Of(string field, long? min, long? max) =>
        new(field, min ?? long.MinValue, max is { } end ? end - 1 : long.MaxValue);

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        if (reader.GetNumericDocValues(field) is null)
        {
            // No time doc values to bound the segment by: the terms decide.
            return terms.GetDocIdSet(context, acceptDocs);
        }

        var (oldest, newest, everyDoc) = TimeBounds.OfSegment(reader, field);
        if (oldest > newest || newest < min || oldest > max)
        {
            return null;
        }

        return everyDoc && oldest >= min && newest <= max
            ? BitsFilteredDocIdSet.Wrap(new Everything(reader.MaxDoc), acceptDocs)
            : terms.GetDocIdSet(context, acceptDocs);
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
