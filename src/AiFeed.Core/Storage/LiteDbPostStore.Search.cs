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

    // What ranking reads of a candidate. LiteDB still reads each whole document, but mapping only
    // these four fields instead of a full Post halves the cost of a common word's 1,000+ candidates;
    // only the page that is returned is loaded as posts.
    private static readonly BsonExpression Candidate =
        BsonExpression.Create("{ _id: $._id, Terms: $.Terms, TitleTermCount: $.TitleTermCount, SortKey: $.SortKey }");

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

        var matches = Filter(query).Select(Candidate).Limit(MaxSearchCandidates + 1).ToEnumerable().Select(Ranked.From).ToList();
        if (matches.Count > MaxSearchCandidates)
        {
            matches = NewestMatches(query);
        }

        var ids = matches
            .Select(r => (r.Id, r.SortKey, Score: SearchRelevance.Score(r.Terms, r.TitleTermCount, query.Terms)))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.SortKey, StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit + 1)
            .Select(r => r.Id)
            .ToList();
        var posts = ids.Count == 0
            ? []
            : context.Posts.Find(BsonExpression.Create("_id IN @0", new BsonArray(ids.Select(id => new BsonValue(id))))).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var ranked = ids.Where(posts.ContainsKey).Select(id => posts[id]).ToList();
        string? next = null;
        if (ranked.Count > limit)
        {
            ranked.RemoveAt(limit);
            next = string.Create(CultureInfo.InvariantCulture, $"@{offset + limit}");
        }

        return new PostPage(ranked, next);
    }

    // The same filters without the terms (so the time index drives), newest first, terms checked in memory.
    private List<Ranked> NewestMatches(PostQuery query) =>
        [.. Filter(query with { Terms = [] })
            .OrderBy(query.Expand ? "$.SortKey" : "$.LeadKey", Query.Descending)
            .Select(Candidate)
            .ToEnumerable()
            .Select(Ranked.From)
            .Where(r => query.Terms.All(w => r.Terms.Exists(t => t.StartsWith(w, StringComparison.Ordinal))))
            .Take(MaxSearchCandidates)];

    private sealed record Ranked(string Id, List<string> Terms, int TitleTermCount, string SortKey)
    {
        public static Ranked From(BsonDocument doc) => new(
            doc["_id"].AsString,
            doc["Terms"].IsArray ? [.. doc["Terms"].AsArray.Select(t => t.AsString)] : [],
            doc["TitleTermCount"].IsNumber ? doc["TitleTermCount"].AsInt32 : 0,
            doc["SortKey"].AsString);
    }
}
