using AiFeed.Model;
using AiFeed.Search;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// IPostStore and IStoryStore over PostgreSQL. Every answer comes from the database itself (lists on
/// the key indexes, tags and sources on GIN indexes, search on tsvector, story lookups on the key
/// arrays), so any number of nodes share one store and none holds state of its own.
/// </summary>
public sealed partial class PostgresPostStore(PostgresDatabase database, IEnumerable<IPostWriteObserver> observers) : IPostStore, IStoryStore
{
    private readonly IPostWriteObserver[] observers = [.. observers];

    /// <summary>A store nobody observes (tools, tests).</summary>
    public PostgresPostStore(PostgresDatabase database)
        : this(database, [])
    {
    }

    public async Task<IReadOnlyList<StoredPost>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return [.. (await LightAsync(ids, cancellationToken)).Select(StoredPost.Of)];
    }

    public async Task<IReadOnlyList<Post>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        return await ReadPostsAsync($"SELECT {PostRows.Columns} FROM aifeed_posts WHERE id = ANY($1)", [ids.ToArray()], cancellationToken);
    }

    // The database compresses large values itself (TOAST): nothing to ready.
    public void Prepare(Post post)
    {
    }

    public Task SaveAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken) =>
        SaveStoriesAsync(posts, [], [], cancellationToken);

    public async Task SaveStoriesAsync(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> removedStoryIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(removedStoryIds);
        if (posts.Count == 0 && stories.Count == 0 && removedStoryIds.Count == 0)
        {
            return;
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var next = new NpgsqlCommand("SELECT nextval('aifeed_revisions')", connection, transaction))
            {
                var revision = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
                foreach (var post in posts)
                {
                    post.Revision = revision;
                }

                foreach (var story in stories)
                {
                    story.Revision = revision;
                }
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            PostRows.AddWrites(batch, posts);
            StoryRows.AddWrites(batch, stories, removedStoryIds);
            if (posts.Count > 0)
            {
                // Delivered at commit: the other nodes drop their cached lists (PostgresWriteListener).
                batch.BatchCommands.Add(Sql.Command("SELECT pg_notify($1, $2)", PostgresWriteListener.Channel, $"{database.Node}:{posts.Count}"));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (posts.Count > 0)
        {
            foreach (var observer in observers)
            {
                await observer.PostsWrittenAsync(posts.Count, cancellationToken);
            }
        }
    }

    public async Task<Post?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ReadPostsAsync($"SELECT {PostRows.Columns} FROM aifeed_posts WHERE id = $1", [id], cancellationToken)).FirstOrDefault();

    public async Task LoadHtmlAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var unread = posts.Where(p => !p.ContentLoaded).ToList();
        var ids = unread.Where(p => p.HasContent).Select(p => p.Id).Distinct(StringComparer.Ordinal).ToArray();
        var found = ids.Length == 0
            ? []
            : (await database.QueryAsync(PostRows.LoadHtml, [ids], r => (Id: r.GetString(0), Html: r.GetString(1)), cancellationToken))
                .ToDictionary(r => r.Id, r => r.Html, StringComparer.Ordinal);
        foreach (var post in unread)
        {
            post.ContentHtml = found.GetValueOrDefault(post.Id);
        }
    }

    public async Task<PostPage> QueryAsync(PostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (SearchSyntax.Parse(query.Text) is { } text)
        {
            return await SearchAsync(query, text, cancellationToken);
        }

        var limit = PostOrder.Limit(query);
        var key = query.Expand ? "sort_key" : "lead_key";
        var values = new List<object?>();
        var where = Filter(query, key, values);
        values.Add(limit + 1);
        var items = await ReadPostsAsync(
            $"SELECT {PostRows.Columns} FROM aifeed_posts WHERE {where} ORDER BY {key} DESC LIMIT ${values.Count}",
            values,
            cancellationToken);
        return PostOrder.Page(items, limit, query.Expand);
    }

    public async Task<ListingPage> ListAsync(PostQuery query, CancellationToken cancellationToken)
    {
        var page = await QueryAsync(query, cancellationToken);
        return new ListingPage([.. page.Items.Select(PostListing.Of)], page.NextAfter, page.Search);
    }

    public async Task<long> CountAsync(PostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = query with { After = null };
        if (SearchSyntax.Parse(query.Text) is { } text)
        {
            return (await SearchAsync(all with { Limit = 1 }, text, cancellationToken, exact: true)).Search!.Total;
        }

        var values = new List<object?>();
        var where = Filter(all, all.Expand ? "sort_key" : "lead_key", values);
        return (long)(await database.ScalarAsync($"SELECT count(*) FROM aifeed_posts WHERE {where}", values, cancellationToken))!;
    }

    public async Task<IReadOnlyList<Post>> ListLeadsSinceAsync(DateTime since, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return await ReadPostsAsync(
            $"SELECT {PostRows.Columns} FROM aifeed_posts WHERE lead_key >= $1 AND tags @> $2 ORDER BY lead_key",
            [PostOrder.TimeKey(since), tags.ToArray()],
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountBySourceAsync(CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT source_id, count(*)::int FROM aifeed_posts GROUP BY source_id", [], r => (Source: r.GetString(0), Count: r.GetInt32(1)), cancellationToken))
            .ToDictionary(c => c.Source, c => c.Count, StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, long>> CountByTagAsync(IReadOnlyCollection<string> tags, bool expand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var counts = tags.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => 0L, StringComparer.Ordinal);
        if (counts.Count == 0)
        {
            return counts;
        }

        var leads = expand ? "" : " AND lead_key <> ''";
        foreach (var (tag, count) in await database.QueryAsync(
            $"SELECT t, (SELECT count(*) FROM aifeed_posts WHERE tags @> ARRAY[t]{leads}) FROM unnest($1::text[]) AS t",
            [counts.Keys.ToArray()],
            r => (r.GetString(0), r.GetInt64(1)),
            cancellationToken))
        {
            counts[tag] = count;
        }

        return counts;
    }

    public async Task<IReadOnlyList<Post>> ListBatchAsync(string? afterId, int batchSize, CancellationToken cancellationToken) =>
        await ReadPostsAsync(
            $"SELECT {PostRows.Columns} FROM aifeed_posts WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2",
            [afterId, batchSize],
            cancellationToken);

    // The query's filters on the key it walks: the time range and cursor as one key range (the
    // empty LeadKey of a story's other posts is below it), sources (collapsed: any source that
    // carried the story; expanded: the post's own), every tag. The SQL names columns only; every
    // value is a parameter, numbered after those already in values.
    private static string Filter(PostQuery query, string key, List<object?> values)
    {
        var (lower, upper) = PostOrder.KeyRange(query);
        values.Add(lower);
        var where = $"{key} >= ${values.Count}";
        if (upper is not null)
        {
            values.Add(upper);
            where += $" AND {key} < ${values.Count}";
        }

        if (query.Sources.Count > 0)
        {
            values.Add(query.Sources.ToArray());
            where += query.Expand ? $" AND source_id = ANY(${values.Count})" : $" AND sources && ${values.Count}";
        }

        if (query.Tags.Count > 0)
        {
            values.Add(query.Tags.ToArray());
            where += $" AND tags @> ${values.Count}";
        }

        return where;
    }

    private Task<List<Post>> ReadPostsAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        database.QueryAsync(sql, values, r => PostRows.Read(r), cancellationToken);
}
