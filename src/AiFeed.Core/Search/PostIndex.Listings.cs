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
        ArgumentNullException.ThrowIfNull(query);
        var view = View.Of(query.Expand);
        Query? older = null;
        long? before = null;
        if (query.After is { Length: > 20 } after && after[19] == ':' && long.TryParse(after.AsSpan(0, 19), out var ticks))
        {
            before = ticks;
            var id = after[20..];
            older = new BooleanQuery
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
        }

        take = Math.Max(take, 1);
        var sort = new Sort(new SortField(view.At, SortFieldType.INT64, reverse: true), new SortField(PostFields.Id, SortFieldType.STRING, reverse: true));
        return Use(searcher =>
        {
            var reader = searcher.IndexReader;
            var filter = Listed(query, CacheOf(reader).Lead);
            if (older is not null)
            {
                filter = And(filter, older);
            }

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

    // The live document of a post id; (null, -1) when the index does not hold it. `near`: the
    // segment to try first (a story's lead is mostly written with or just before its copies);
    // `seekers`: one terms enumerator per segment, reused for a page's lookups (each new one
    // allocates its frames, and seeks from where the last one stopped).
    private static (AtomicReaderContext? Leaf, int Doc) FindById(IndexReader reader, string id, int near, TermsEnum?[] seekers)
    {
        var term = new BytesRef(id);
        var leaves = reader.Leaves;
        for (var i = -1; i < leaves.Count; i++)
        {
            // The near segment first, then the others, newest first.
            var ord = i < 0 ? near : leaves.Count - 1 - i;
            if (i >= 0 && ord == near)
            {
                continue;
            }

            var leaf = leaves[ord];
            var each = seekers[ord] ??= leaf.AtomicReader.GetTerms(PostFields.Id)?.GetEnumerator();
            if (each is null || !each.SeekExact(term))
            {
                continue;
            }

            var doc = each.Docs(leaf.AtomicReader.LiveDocs, null, DocsFlags.NONE).NextDoc();
            if (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                return (leaf, doc);
            }
        }

        return (null, -1);
    }

    // A search page's listings in rank order, each saying whether its title and body hold a term
    // of the search; a hit the index no longer holds drops out.
    private static List<IndexedListing> Listed(IndexReader reader, Query query, List<(string Key, AtomicReaderContext Leaf, int Doc, bool Own)> page)
    {
        var seekers = new TermsEnum?[reader.Leaves.Count];
        var docs = page.Select(g => g.Own ? (Leaf: (AtomicReaderContext?)g.Leaf, g.Doc) : FindById(reader, g.Key, g.Leaf.Ord, seekers)).ToArray();
        var terms = QueryTermStates.Of(query, reader, PostFields.Title, PostFields.Body);
        var title = Holding(docs, PostFields.Title, terms);
        var body = Holding(docs, PostFields.Body, terms);
        var listed = new List<IndexedListing>(docs.Length);
        for (var i = 0; i < docs.Length; i++)
        {
            if (docs[i].Leaf is { } leaf)
            {
                listed.Add(ListedAt(leaf, docs[i].Doc) with { TitleHasTerms = title[i], BodyHasTerms = body[i] });
            }
        }

        return listed;
    }

    // Which documents hold, in `field`, a term the highlights would mark (the query's, as
    // QueryTermExtractor takes them): read from the postings, a segment at a time, so a text with
    // nothing to mark is never analysed for its highlights (most of a search's cost was analysing
    // the page's titles and summaries again). The terms are found in each segment once per
    // rewritten query (QueryTermStates).
    private static bool[] Holding((AtomicReaderContext? Leaf, int Doc)[] docs, string field, QueryTermStates terms)
    {
        var holds = new bool[docs.Length];
        // The page's documents by segment, then in document order.
        var order = Enumerable.Range(0, docs.Length).Where(i => docs[i].Leaf is not null).ToArray();
        Array.Sort(order, (a, b) => docs[a].Leaf!.Ord != docs[b].Leaf!.Ord ? docs[a].Leaf!.Ord.CompareTo(docs[b].Leaf!.Ord) : docs[a].Doc.CompareTo(docs[b].Doc));
        DocsEnum? postings = null;
        for (var from = 0; from < order.Length;)
        {
            var leaf = docs[order[from]].Leaf!;
            var to = from + 1;
            while (to < order.Length && docs[order[to]].Leaf!.Ord == leaf.Ord)
            {
                to++;
            }

            var each = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            if (each is not null)
            {
                var (words, states) = terms.In(field, leaf, each);
                postings = null;
                for (var t = 0; t < words.Length; t++)
                {
                    if (states[t] is not { } state)
                    {
                        continue;
                    }

                    each.SeekExact(words[t], state);
                    postings = each.Docs(null, postings, DocsFlags.NONE);
                    for (var k = from; k < to; k++)
                    {
                        var i = order[k];
                        if (postings.DocID < docs[i].Doc && postings.Advance(docs[i].Doc) == DocIdSetIterator.NO_MORE_DOCS)
                        {
                            break;
                        }

                        holds[i] |= postings.DocID == docs[i].Doc;
                    }
                }
            }

            from = to;
        }

        return holds;
    }
}

/// <summary>A post id from the index, with its listing (null when the index keeps none: read the post).</summary>
public sealed record IndexedListing(string Id, PostListing? Listing)
{
    /// <summary>In a search's hits: false when the post's title holds no term of the search (nothing to highlight).</summary>
    public bool TitleHasTerms { get; init; } = true;

    /// <summary>In a search's hits: false when the post's summary and author hold no term of the search.</summary>
    public bool BodyHasTerms { get; init; } = true;
}
