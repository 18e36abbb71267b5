using System.Globalization;
using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    /// <summary>
    /// Most matches ranked per search. A word like "model" matches a third of an AI corpus; loading
    /// 40,000 posts to rank them takes seconds, so past this many the newest matches are ranked.
    /// </summary>
    public const int MaxSearchCandidates = 1_000;

    // Every word must start a term of the post. The terms index finds the matches when they are
    // few; when they are many, the newest are found faster by walking the time index and checking
    // terms. Either way the matches are ranked by relevance, then recency, and paged by position.
    private PostPage Search(PostQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, PostQuery.MaxLimit);
        var offset = 0;
        if (query.After is { Length: > 1 } after && after[0] == '@')
        {
            _ = int.TryParse(after.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }

        var matches = Filter(query).Limit(MaxSearchCandidates + 1).ToList();
        if (matches.Count > MaxSearchCandidates)
        {
            matches = NewestMatches(query);
        }

        var ranked = matches
            .Select(p => (Post: p, Score: SearchRelevance.Score(p, query.Terms)))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.Post.SortKey, StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit + 1)
            .Select(r => r.Post)
            .ToList();
        string? next = null;
        if (ranked.Count > limit)
        {
            ranked.RemoveAt(limit);
            next = string.Create(CultureInfo.InvariantCulture, $"@{offset + limit}");
        }

        return new PostPage(ranked, next);
    }

    // The same filters without the terms (so the time index drives), newest first, terms checked in memory.
    private List<Post> NewestMatches(PostQuery query) =>
        [.. Filter(query with { Terms = [] })
            .OrderBy(query.Expand ? "$.SortKey" : "$.LeadKey", Query.Descending)
            .ToEnumerable()
            .Where(p => query.Terms.All(w => p.Terms.Exists(t => t.StartsWith(w, StringComparison.Ordinal))))
            .Take(MaxSearchCandidates)];
}
