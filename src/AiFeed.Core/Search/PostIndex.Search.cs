using AiFeed.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AiFeed.Search;

public sealed partial class PostIndex
{
    /// <summary>
    /// The matches of <paramref name="search"/> that pass the query's filters, grouped into stories
    /// (collapsed) or posts (expanded): the ids of the page (<paramref name="skip"/>,
    /// <paramref name="take"/>), best first then newest, the total and the facets of all matches.
    /// </summary>
    public IndexSearch Search(PostQuery query, SearchText search, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(search);
        var view = View.Of(query.Expand);
        var filter = Filter(query, view);
        var collector = new GroupCollector(view.Key, view.At, view.Tag, view.Source);
        return Use(searcher =>
        {
            var text = SearchSyntax.Loosen(search.Query, search.Typing, searcher.IndexReader.DocFreq);
            searcher.Search(filter is null ? text : new FilteredQuery(text, new QueryWrapperFilter(filter)), collector);
            return new IndexSearch(
                collector.Page(skip, take),
                collector.GroupCount,
                Facets(collector.Tags()),
                Facets(collector.Sources()),
                searcher.Rewrite(text));
        });
    }

    /// <summary>Stories (collapsed) or posts passing the query's filters, its text ignored.</summary>
    public long CountFiltered(PostQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var view = View.Of(query.Expand);
        Query filter = (Query?)Filter(query, view) ?? new MatchAllDocsQuery();
        if (!query.Expand)
        {
            filter = And(filter, new TermQuery(new Term(PostFields.Lead, PostFields.Yes)));
        }

        return Use(searcher =>
        {
            var count = new TotalHitCountCollector();
            searcher.Search(new ConstantScoreQuery(filter), count);
            return (long)count.TotalHits;
        });
    }

    /// <summary>
    /// The newest stories (collapsed: by their lead's time) or posts passing the query's filters,
    /// before the cursor <see cref="PostQuery.After"/> (a SortKey), at most <paramref name="take"/>.
    /// </summary>
    public List<string> Newest(PostQuery query, int take)
    {
        ArgumentNullException.ThrowIfNull(query);
        var view = View.Of(query.Expand);
        Query filter = (Query?)Filter(query, view) ?? new MatchAllDocsQuery();
        filter = And(filter, new TermQuery(new Term(PostFields.Lead, PostFields.Yes)), query.Expand);
        if (query.After is { Length: > 20 } after && after[19] == ':' && long.TryParse(after.AsSpan(0, 19), out var ticks))
        {
            var id = after[20..];
            var older = new BooleanQuery
            {
                { NumericRangeQuery.NewInt64Range(view.At, null, ticks, true, false), Occur.SHOULD },
                {
                    new BooleanQuery
                    {
                        { NumericRangeQuery.NewInt64Range(view.At, ticks, ticks, true, true), Occur.MUST },
                        { TermRangeQuery.NewStringRange(PostFields.Id, null, id, true, false), Occur.MUST },
                    },
                    Occur.SHOULD
                },
            };
            filter = And(filter, older);
        }

        var sort = new Sort(new SortField(view.At, SortFieldType.INT64, reverse: true), new SortField(PostFields.Id, SortFieldType.STRING, reverse: true));
        return Use(searcher =>
        {
            var top = searcher.Search(new ConstantScoreQuery(filter), null, Math.Max(take, 1), sort);
            return top.ScoreDocs.Select(d => IdOf(searcher, d.Doc)).ToList();
        });
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

    // The query's filters on the fields of the view: time range, sources (any), tags (all).
    private static BooleanQuery? Filter(PostQuery query, View view)
    {
        var all = new BooleanQuery();
        if (query.Since is not null || query.Until is not null)
        {
            all.Add(NumericRangeQuery.NewInt64Range(view.At, query.Since?.Ticks, query.Until?.Ticks, true, false), Occur.MUST);
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

    private static List<FacetCount> Facets(IReadOnlyDictionary<string, long> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new FacetCount(c.Key, c.Value))];

    // Collapsed, a story is read through its lead's copy on every member; expanded, each post is itself.
    private sealed record View(string Key, string At, string Tag, string Source)
    {
        private static readonly View Posts = new(PostFields.Id, PostFields.At, PostFields.Tag, PostFields.Source);
        private static readonly View Stories = new(PostFields.StoryLead, PostFields.StoryAt, PostFields.StoryTag, PostFields.StorySource);

        public static View Of(bool expand) => expand ? Posts : Stories;
    }
}

/// <summary>One page of a search: ids in rank order, every match counted, facets, and the query as run (for highlights).</summary>
public sealed record IndexSearch(IReadOnlyList<string> Ids, long Total, IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Sources, Query Query);
