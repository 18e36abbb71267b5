using System.Collections.Concurrent;
using AiFeed.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

public sealed partial class PostIndex
{
    /// <summary>
    /// Stories (posts, expanded) a search ranks at least before it stops reaching further back (ten
    /// pages of 50): a word in a third of a million posts costs what one in a few hundred does
    /// (docs/decisions/0032).
    /// </summary>
    public const int DefaultRankDepth = 500;

    /// <summary><see cref="DefaultRankDepth"/>; smaller in tests, to reach it with a few hundred posts.</summary>
    internal int RankDepth { get; set; } = DefaultRankDepth;

    /// <summary>Each window searched over its whole time, not only the time it adds: tests compare the two.</summary>
    internal bool WindowsAfresh { get; set; }

    /// <summary>
    /// The matches of <paramref name="search"/> that pass the query's filters, grouped into stories
    /// (collapsed) or posts (expanded): the ids of the page (<paramref name="skip"/>,
    /// <paramref name="take"/>), best first then newest, the total and the facets.
    /// <para>
    /// Unless <paramref name="exact"/>, the newest matches are ranked first: a window of recent
    /// time, widened until it holds <see cref="DefaultRankDepth"/> groups (or the page, if deeper) or covers
    /// the store. A search that stopped short ranks the matches in its window, and its total and
    /// facets are estimates scaled from them by the share of posts the window holds
    /// (<see cref="IndexSearch.Exact"/> false), the way search engines answer "about 36,000 results".
    /// </para>
    /// </summary>
    public IndexSearch Search(PostQuery query, SearchText search, int skip, int take, bool exact = false, bool listings = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(search);
        var view = View.Of(query.Expand);
        var depth = Math.Max(RankDepth, skip + take);
        return Use(searcher =>
        {
            var collector = new GroupCollector(view.Key, view.At, view.Tag, view.Source);
            try
            {
                return SearchWindows(searcher, query, Rewritten(searcher, search), view, collector, skip, take, depth, exact, listings, WindowsAfresh, CacheOf(searcher.IndexReader).Counted);
            }
            finally
            {
                collector.Release();
            }
        });
    }

    // The windows of a search (Search), collected by one collector: a wider window adds its matches
    // to those of the window before (decision 0058).
    private static IndexSearch SearchWindows(IndexSearcher searcher, PostQuery query, Query text, View view, GroupCollector collector, int skip, int take, int depth, bool exact, bool listings, bool afresh, WindowCounts counted)
    {
        var reader = searcher.IndexReader;
        var (oldest, newest) = exact ? (0L, 0L) : TimeBounds.Of(reader, view.At);
        var top = Math.Min(newest, query.Until?.Ticks - 1 ?? long.MaxValue);
        var floor = Math.Max(oldest, query.Since?.Ticks ?? long.MinValue);
        // The first window, if matches were as common as one post in four.
        var width = Math.Max(1, (long)((top - floor) * Math.Min(1.0, 4.0 * depth / Math.Max(1, reader.NumDocs))));
        // The start of the last window searched, when it was part of the store.
        long? searched = null;
        while (true)
        {
            var since = top - width;
            var whole = exact || since <= floor;
            var window = whole ? query : query with { Since = new DateTime(since, DateTimeKind.Utc) };
            // The window's time range, kept to count its posts with the sets the search read.
            var range = whole ? null : TimeRangeFilter.Of(view.At, since, query.Until?.Ticks);
            // A wider window searches only the time it adds (its segments, their matches); the
            // whole store is searched afresh, as it holds posts outside any time range.
            if (whole || afresh || searched is null)
            {
                collector.Reset();
            }

            var filter = Restriction(window, view, whole || afresh || searched is null ? range : TimeRangeFilter.Of(view.At, since, searched));
            searched = since;
            searcher.Search(filter is null ? text : new FilteredQuery(text, filter), collector);
            if (whole || collector.GroupCount >= depth)
            {
                var scale = whole ? 1 : (double)reader.NumDocs / Math.Max(1, counted.Of(reader, query.Until is null ? range! : TimeRangeFilter.Of(view.At, since, null)));
                var page = collector.Page(skip, take);
                return new IndexSearch(
                    [.. page.Select(g => g.Key)],
                    SearchEstimate.Scale(collector.GroupCount, scale),
                    SearchEstimate.Facets(collector.Tags(), scale),
                    SearchEstimate.Facets(collector.Sources(), scale),
                    text,
                    Exact: whole)
                {
                    Listings = listings ? Listed(reader, text, page) : null,
                };
            }

            // Widen by what the window found, at least twice. To the whole store past half of it
            // (a time range over most of the store costs more to apply than it saves), or when
            // the window's rate says the store holds fewer than twice the depth: one more
            // window would likely not reach it either, and a rare word's search would run
            // three windows instead of two.
            var factor = collector.GroupCount == 0 ? 16 : Math.Clamp(1.5 * depth / collector.GroupCount, 2, 16);
            var expected = collector.GroupCount * (double)(top - floor) / Math.Max(1, width);
            width = (long)Math.Max(width * factor, width + 1.0);
            if (width > (top - floor) / 2 || expected < 2 * depth)
            {
                width = top - floor + 1;
            }
        }
    }

    // The search's query loosened and rewritten for one reader (a point in time of the index):
    // fuzzy and prefix terms are expanded once, not again for each window and for the highlights,
    // and the same q= on the same reader reuses the answer (looking up its terms and expanding them
    // was a tenth of a search).
    private Query Rewritten(IndexSearcher searcher, SearchText search)
    {
        var reader = searcher.IndexReader;
        var queries = CacheOf(reader).Queries;
        if (queries.TryGetValue(search, out var known))
        {
            return known;
        }

        // Counting takes every lock of the dictionary: only when adding.
        if (queries.Count >= MaxRewrites)
        {
            queries.Clear();
        }

        return queries.GetOrAdd(search, s => searcher.Rewrite(SearchSyntax.Loosen(s.Query, s.Typing, term => TermContext.Build(reader.Context, term))));
    }

    // What searches and lists look up in the terms of one reader, kept until a write reopens it.
    private ReaderCache CacheOf(IndexReader reader)
    {
        var cache = readerCache;
        if (cache is null || !ReferenceEquals(cache.Reader, reader))
        {
            var lead = new Term(PostFields.Lead, PostFields.Yes);
            cache = new ReaderCache(reader, new ConcurrentDictionary<SearchText, Query>(), new TermQuery(lead, TermContext.Build(reader.Context, lead)), new WindowCounts());
            readerCache = cache;
        }

        return cache;
    }

    private const int MaxRewrites = 256;

    private volatile ReaderCache? readerCache;

    // Lead: the story leads' term with its place in each segment (looking it up in every segment
    // was a visible share of a newest page). Counted: the posts of the windows searches stopped in.
    private sealed record ReaderCache(IndexReader Reader, ConcurrentDictionary<SearchText, Query> Queries, TermQuery Lead, WindowCounts Counted);

    // The posts in a search's last window, for its estimates, kept per reader (decision 0062): the
    // windows follow from the store's newest time and the matches found, so the same search, and
    // every search that stops in the first window, counts the same range again; counting walked
    // the documents of the segments the range cuts.
    private sealed class WindowCounts
    {
        private const int MaxCounts = 256;

        private readonly ConcurrentDictionary<(string Field, long Min, long Max), int> counts = new();

        public int Of(IndexReader reader, TimeRangeFilter range)
        {
            if (counts.TryGetValue(range.Key, out var known))
            {
                return known;
            }

            // Counting takes every lock of the dictionary: only when adding.
            if (counts.Count >= MaxCounts)
            {
                counts.Clear();
            }

            return counts.GetOrAdd(range.Key, range.Count(reader));
        }
    }

    /// <summary>Stories (collapsed) or posts passing the query's filters, its text ignored.</summary>
    public long CountFiltered(PostQuery query) => Use(searcher =>
    {
        var count = new TotalHitCountCollector();
        searcher.Search(Filtered(query, CacheOf(searcher.IndexReader).Lead), count);
        return (long)count.TotalHits;
    });

    /// <summary>The ids of the stories (collapsed: their leads) or posts passing the query's filters, its text ignored, in no order.</summary>
    public List<string> Matching(PostQuery query) => Use(searcher =>
    {
        var ids = new IdCollector();
        searcher.Search(Filtered(query, CacheOf(searcher.IndexReader).Lead), ids);
        return ids.Ids;
    });

    private static ConstantScoreQuery Filtered(PostQuery query, Query lead) => new(Listed(query, lead));

    // The stories (collapsed: their leads) or posts passing the query's filters, its text and cursor ignored.
    private static Query Listed(PostQuery query, Query lead)
    {
        ArgumentNullException.ThrowIfNull(query);
        Query filter = (Query?)Filter(query, View.Of(query.Expand)) ?? new MatchAllDocsQuery();
        return And(filter, lead, query.Expand);
    }

    // Each match's id from the id doc values, segment by segment.
    private sealed class IdCollector : ICollector
    {
        private readonly BytesRef bytes = new();
        private SortedDocValues? ids;

        public List<string> Ids { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => ids = context.AtomicReader.GetSortedDocValues(PostFields.Id);

        public void Collect(int doc)
        {
            ids!.Get(doc, bytes);
            Ids.Add(bytes.Utf8ToString());
        }
    }

    /// <summary>Stories (or posts, <paramref name="expand"/>) carrying each of <paramref name="tags"/>.</summary>
    public Dictionary<string, long> CountByTag(IReadOnlyCollection<string> tags, bool expand)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.Distinct(StringComparer.Ordinal).ToDictionary(
            tag => tag,
            tag => CountFiltered(new PostQuery { Tags = [tag], Expand = expand }),
            StringComparer.Ordinal);
    }

    // The query's filters as the search's filter. A time range alone is the range itself: wrapped in
    // a query, each segment built a searcher and a weight for it and the text's matches were walked
    // against its scorer, where a segment the range holds whole is its live documents' bits.
    private static Lucene.Net.Search.Filter? Restriction(PostQuery query, View view, TimeRangeFilter? range)
    {
        if (query.Sources.Count == 0 && query.Tags.Count == 0)
        {
            return query.Since is null && query.Until is null ? null : range ?? TimeRangeFilter.Of(view.At, query.Since?.Ticks, query.Until?.Ticks);
        }

        return Filter(query, view, range) is { } all ? new QueryWrapperFilter(all) : null;
    }

    // The query's filters on the fields of the view: time range, sources (any), tags (all).
    private static BooleanQuery? Filter(PostQuery query, View view, TimeRangeFilter? range = null)
    {
        var all = new BooleanQuery();
        if (query.Since is not null || query.Until is not null)
        {
            all.Add(new ConstantScoreQuery(range ?? TimeRangeFilter.Of(view.At, query.Since?.Ticks, query.Until?.Ticks)), Occur.MUST);
        }

        if (query.Sources.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var source in query.Sources)
            {
                any.Add(new TermQuery(new Term(view.Source, source)), Occur.SHOULD);
            }

            all.Add(any, Occur.MUST);
        }

        foreach (var tag in query.Tags)
        {
            all.Add(new TermQuery(new Term(view.Tag, tag)), Occur.MUST);
        }

        return all.Clauses.Count > 0 ? all : null;
    }

    private static Query And(Query left, Query right, bool skip = false)
    {
        if (skip)
        {
            return left;
        }

        if (left is MatchAllDocsQuery)
        {
            return right;
        }

        return new BooleanQuery { { left, Occur.MUST }, { right, Occur.MUST } };
    }

    // Posts of [from, before) on a time field, segment by segment (TimeRangeFilter).
    private static ConstantScoreQuery TimeRange(string field, long? from, long? before) =>
        new(TimeRangeFilter.Of(field, from, before));

    // Collapsed, a story is read through its lead's copy on every member; expanded, each post is itself.
    private sealed record View(string Key, string At, string Tag, string Source)
    {
        private static readonly View Posts = new(PostFields.Id, PostFields.At, PostFields.Tag, PostFields.Source);
        private static readonly View Stories = new(PostFields.StoryLead, PostFields.StoryAt, PostFields.StoryTag, PostFields.StorySource);

        public static View Of(bool expand) => expand ? Posts : Stories;
    }
}

/// <summary>
/// One page of a search: ids in rank order, the matches counted, facets, and the query as run (for
/// highlights). <paramref name="Exact"/>: every match was counted; otherwise the total and the facets
/// are estimates from the newest matches (<see cref="PostIndex.Search"/>).
/// </summary>
public sealed record IndexSearch(IReadOnlyList<string> Ids, long Total, IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Sources, Query Query, bool Exact = true)
{
    /// <summary>The page's listings in rank order, when asked for (<see cref="PostIndex.Search"/>).</summary>
    public IReadOnlyList<IndexedListing>? Listings { get; init; }
}
