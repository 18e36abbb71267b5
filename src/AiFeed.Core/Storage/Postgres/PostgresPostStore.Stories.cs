using AiFeed.Model;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// IStoryStore: candidates looked up on the GIN indexes of the key arrays (and the title key's
/// B-tree), at most <see cref="LiteDbPostStore.MaxStoryCandidates"/> per key, newest written first,
/// as the embedded store answers; story records in aifeed_stories.
/// </summary>
public sealed partial class PostgresPostStore
{
    // One lateral lookup per key, each kind on its own index; the rank keeps the lookup's key order.
    private const string ByKeys = """
        SELECT k.ord, x.written, x.doc FROM unnest($1::text[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (SELECT written, doc FROM aifeed_posts WHERE story_keys @> ARRAY[k.key] ORDER BY written DESC LIMIT $4) x
        UNION ALL
        SELECT 1000000 + k.ord, x.written, x.doc FROM unnest($2::text[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (SELECT written, doc FROM aifeed_posts WHERE title_key = k.key AND title_key <> '' ORDER BY written DESC LIMIT $4) x
        UNION ALL
        SELECT 2000000 + k.ord, x.written, x.doc FROM unnest($3::text[]) WITH ORDINALITY AS k(key, ord)
            CROSS JOIN LATERAL (SELECT written, doc FROM aifeed_posts WHERE text_bands @> ARRAY[k.key] ORDER BY written DESC LIMIT $4) x
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

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ByKeys, connection);
        command.Parameters.Add(PostRows.Parameter(storyKeys));
        command.Parameters.Add(PostRows.Parameter(titleKeys));
        command.Parameters.Add(PostRows.Parameter(bands));
        command.Parameters.Add(PostRows.Parameter(LiteDbPostStore.MaxStoryCandidates));
        var found = new List<Post>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var post = StoreJson.Read<Post>(reader.GetString(2));
            if (seen.Add(post.Id))
            {
                found.Add(post);
            }
        }

        return found;
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

        var stories = new Dictionary<string, StoryRecord>(StringComparer.Ordinal);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = new NpgsqlCommand("SELECT doc FROM aifeed_stories WHERE id = ANY($1)", connection))
        {
            command.Parameters.Add(PostRows.Parameter(storyIds.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var story = StoreJson.Read<StoryRecord>(reader.GetString(0));
                stories[story.Id] = story;
            }
        }

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

        var found = new Dictionary<string, Post>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT doc FROM aifeed_posts WHERE id = ANY($1)", connection);
        command.Parameters.Add(PostRows.Parameter(ids.Distinct(StringComparer.Ordinal).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var post = StoreJson.Read<Post>(reader.GetString(0));
            found[post.Id] = post;
        }

        return [.. ids.Distinct(StringComparer.Ordinal).Where(found.ContainsKey).Select(id => found[id])];
    }
}
