using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // Every word must start a term of the post; matches are ranked by relevance, then recency, and
    // paged by position ("@" and the number already returned).
    private PostPage Search(PostQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, PostQuery.MaxLimit);
        var offset = 0;
        if (query.After is { Length: > 1 } after && after[0] == '@')
        {
            _ = int.TryParse(after.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }

        // The "@n" cursor is a position; SearchFilter reads any other cursor as the key bound, as Filter does.
        var ranked = LoadInOrder(SearchIndex.Search(query, offset, limit + 1));
        string? next = null;
        if (ranked.Count > limit)
        {
            ranked.RemoveAt(limit);
            next = string.Create(CultureInfo.InvariantCulture, $"@{offset + limit}");
        }

        return new PostPage(ranked, next);
    }
}
