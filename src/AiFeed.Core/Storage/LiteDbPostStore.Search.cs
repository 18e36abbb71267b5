using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // Every word must start a term of the post (the terms index answers that); the matches are then
    // ranked by relevance, newest first among equals, and paged by position.
    private PostPage Search(PostQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, PostQuery.MaxLimit);
        var offset = 0;
        if (query.After is { Length: > 1 } after && after[0] == '@')
        {
            _ = int.TryParse(after.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }

        var ranked = Filter(query).ToList()
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
}
