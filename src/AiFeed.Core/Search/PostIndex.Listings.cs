using AiFeed.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

public sealed partial class PostIndex
{
    /// <summary>
    /// The newest stories (collapsed: by their lead's time) or posts passing the query's filters,
    /// before the cursor <see cref="PostQuery.After"/> (a SortKey), at most <paramref name="take"/>,
    /// with their listings: the order and page the store's own list gives (by SortKey, or LeadKey).
    /// <para>
    /// Sorting every match would cost in proportion to the store; the newest are looked for in a
    /// window of recent time first, widened until it holds the page or covers the store, as a
    /// search's ranking window is (<see cref="Search"/>).
    /// </para>
    /// </summary>
    public List<IndexedListing> Newest(PostQuery query, int take)
    {
        var filter = Listed(query);
        var view = View.Of(query.Expand);
        long? before = null;
        if (query.After is { Length: > 20 } after && after[19] == ':' && long.TryParse(after.AsSpan(0, 19), out var ticks))
        {
            before = ticks;
            var id = after[20..];
            var older = new BooleanQuery
            {
                { TimeRange(view.At, null, ticks), Occur.SHOULD },
                {
                    new BooleanQuery
                    {
                        { TimeRange(view.At, ticks, ticks + 1), Occur.MUST },
                        { TermRangeQuery.NewStringRange(PostFields.Id, null, id, true, false), Occur.MUST },
                    },
                    Occur.SHOULD
                },
            };
            filter = And(filter, older);
        }

        take = Math.Max(take, 1);
        var sort = new Sort(new SortField(view.At, SortFieldType.INT64, reverse: true), new SortField(PostFields.Id, SortFieldType.STRING, reverse: true));
        return Use(searcher =>
        {
            var reader = searcher.IndexReader;
            var (oldest, newest) = TimeBounds.Of(reader, view.At);
            var top = Math.Min(newest, Math.Min(query.Until?.Ticks - 1 ?? long.MaxValue, before ?? long.MaxValue));
            var floor = Math.Max(oldest, query.Since?.Ticks ?? long.MinValue);
            // The first window, if the page's posts were one in four of the store's.
            var width = Math.Max(1, (long)((top - floor) * Math.Min(1.0, 4.0 * take / Math.Max(1, reader.NumDocs))));
            while (true)
            {
                var since = top - width;
                var whole = since <= floor;
                var window = whole ? filter : And(filter, TimeRange(view.At, since, null));
                var hits = searcher.Search(new ConstantScoreQuery(window), null, take, sort);
                if (whole || hits.TotalHits >= take)
                {
                    return hits.ScoreDocs.Select(d => ListedAt(reader, d.Doc)).ToList();
                }

                var factor = hits.TotalHits == 0 ? 16 : Math.Clamp(1.5 * take / hits.TotalHits, 2, 16);
                width = (long)Math.Max(width * factor, width + 1.0);
                if (width > (top - floor) / 2)
                {
                    width = top - floor + 1;
                }
            }
        });
    }

    private static IndexedListing ListedAt(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return ListedAt(leaf, doc - leaf.DocBase);
    }

    // A document's listing, or its id alone when it has none (a listing too long to keep).
    private static IndexedListing ListedAt(AtomicReaderContext leaf, int doc)
    {
        var bytes = new BytesRef();
        leaf.AtomicReader.GetBinaryDocValues(PostFields.Listing)?.Get(doc, bytes);
        if (ListingCodec.Decode(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)) is { } listing)
        {
            return new IndexedListing(listing.Id, listing);
        }

        leaf.AtomicReader.GetSortedDocValues(PostFields.Id).Get(doc, bytes);
        return new IndexedListing(bytes.Utf8ToString(), null);
    }

    // The live document of a post id; null when the index does not hold it.
    private static IndexedListing? ListedById(IndexReader reader, string id)
    {
        var term = new BytesRef(id);
        foreach (var leaf in reader.Leaves)
        {
            var each = leaf.AtomicReader.GetTerms(PostFields.Id)?.GetEnumerator();
            if (each is null || !each.SeekExact(term))
            {
                continue;
            }

            var doc = each.Docs(leaf.AtomicReader.LiveDocs, null, DocsFlags.NONE).NextDoc();
            if (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                return ListedAt(leaf, doc);
            }
        }

        return null;
    }
}

/// <summary>A post id from the index, with its listing (null when the index keeps none: read the post).</summary>
public sealed record IndexedListing(string Id, PostListing? Listing);
