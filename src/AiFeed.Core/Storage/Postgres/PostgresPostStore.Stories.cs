using AiFeed.Model;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// IStoryStore: candidates looked up on the GIN indexes of the key arrays (and the title key's
/// B-tree), at most <see cref="LiteDbPostStore.MaxStoryCandidates"/> per key, newest written first,
/// as the embedded store answers; story records in aifeed_stories.
/// </summary>
public sealed partial class PostgresPostStore
{
    // One lateral lookup per key, each kind on its own index; the rank keeps the lookup's key order.
    private const string ByKeys = $"""
        SELECT k.ord, x.written, x.doc, x.has_html FROM unnest($1::text[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (SELECT written, doc, {PostRows.HasHtml} AS has_html FROM aifeed_posts WHERE story_keys @> ARRAY[k.key] ORDER BY written DESC LIMIT $4) x
        UNION ALL
        SELECT 1000000 + k.ord, x.written, x.doc, x.has_html FROM unnest($2::text[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (SELECT written, doc, {PostRows.HasHtml} AS has_html FROM aifeed_posts WHERE title_key = k.key AND title_key <> '' ORDER BY written DESC LIMIT $4) x
        UNION ALL
        SELECT 2000000 + k.ord, x.written, x.doc, x.has_html FROM unnest($3::text[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (SELECT written, doc, {PostRows.HasHtml} AS has_html FROM aifeed_posts WHERE text_bands @> ARRAY[k.key] ORDER BY written DESC LIMIT $4) x
        ORDER BY 1, 2 DESC
        """;

    public async Task<IReadOnlyList<Post>> FindByKeysAsync(StoryLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var storyKeys = lookup.StoryKeys.Distinct(StringComparer.Ordinal).ToArray();
        var titleKeys = lookup.TitleKeys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var bands = lookup.TextBands.Distinct(StringComparer.Ordinal).ToArray();
        if (storyKeys.Length + titleKeys.Length + bands.Length == 0)
        {
            return [];
        }

        var found = await database.QueryAsync(ByKeys, [storyKeys, titleKeys, bands, LiteDbPostStore.MaxStoryCandidates], r => PostRows.Read(r, 2), cancellationToken);
        return [.. found.DistinctBy(p => p.Id, StringComparer.Ordinal)];
    }

    public Task<IReadOnlyList<Post>> GetEvidenceAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        return LightAsync(postIds, cancellationToken);
    }

    public async Task<IReadOnlyList<StoryRecord>> GetStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        if (storyIds.Count == 0)
        {
            return [];
        }

        var stories = (await database.QueryAsync("SELECT doc FROM aifeed_stories WHERE id = ANY($1)", [storyIds.ToArray()], r => StoreJson.Read<StoryRecord>(r.GetString(0)), cancellationToken))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);

        var implicitIds = storyIds.Where(id => !stories.ContainsKey(id)).ToList();
        foreach (var post in (await LightAsync(implicitIds, cancellationToken)).Where(p => string.Equals(p.ClusterId, p.Id, StringComparison.Ordinal)))
        {
            stories[post.Id] = StoryRecord.Implicit(post);
        }

        return [.. stories.Values];
    }

    // The stored posts with these ids without their HTML, in the order of the ids: what clustering reads.
    private async Task<IReadOnlyList<Post>> LightAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = (await database.QueryAsync($"SELECT {PostRows.Columns} FROM aifeed_posts WHERE id = ANY($1)", [ids.Distinct(StringComparer.Ordinal).ToArray()], r => PostRows.Read(r), cancellationToken))
            .ToDictionary(p => p.Id, StringComparer.Ordinal);

        return [.. ids.Distinct(StringComparer.Ordinal).Where(found.ContainsKey).Select(id => found[id])];
    }
}
