using System.Globalization;
using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // What the search index reads of each stored post when it is built.
    private static readonly BsonExpression Searchable = BsonExpression.Create(
        "{ _id: $._id, Terms: $.Terms, TitleTermCount: $.TitleTermCount, SortKey: $.SortKey, LeadKey: $.LeadKey, SourceId: $.SourceId, Sources: $.Sources, Tags: $.Tags }");

    private SearchIndex? searchIndex;

    // Built on first use from the stored posts (derived data, never persisted), then kept current by
    // SaveAsync. Callers hold the gate.
    private SearchIndex SearchIndex => searchIndex ??= BuildSearchIndex();

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

        var ids = SearchIndex.Search(query with { After = null }, offset, limit + 1);
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

    private SearchIndex BuildSearchIndex()
    {
        var index = new SearchIndex();
        foreach (var doc in context.Posts.Query().Select(Searchable).ToEnumerable())
        {
            index.Upsert(
                doc["_id"].AsString,
                Strings(doc["Terms"]),
                doc["TitleTermCount"].IsNumber ? doc["TitleTermCount"].AsInt32 : 0,
                doc["SortKey"].AsString ?? "",
                doc["LeadKey"].AsString ?? "",
                doc["SourceId"].AsString ?? "",
                Strings(doc["Sources"]),
                Strings(doc["Tags"]));
        }

        return index;
    }

    private static IEnumerable<string> Strings(BsonValue value) =>
        value.IsArray ? value.AsArray.Where(v => v.IsString).Select(v => v.AsString) : [];
}
