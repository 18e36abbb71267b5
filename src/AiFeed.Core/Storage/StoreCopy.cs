using System.Security.Cryptography;
using System.Text;
using AiFeed.Model;
using AiFeed.Storage.Postgres;
using LiteDB;
using Npgsql;

namespace AiFeed.Storage;

/// <summary>
/// Moves a LiteDB store into an empty PostgreSQL database without loss (<c>aifeed copy-store</c>):
/// every collection copied as stored (revisions, write order, pauses and delivery claims
/// included), then read back from both sides into the same canonical form (StoreJson), counted and
/// checksummed per collection. The LiteDB folder is locked for the copy, so the service must be stopped.
/// </summary>
public static class StoreCopy
{
    private const int Chunk = 1_000;

    private static readonly string[] Tables =
        ["aifeed_posts", "aifeed_stories", "aifeed_source_states", "aifeed_metadata", "aifeed_newsletters", "aifeed_newsletter_versions", "aifeed_subscribers", "aifeed_deliveries"];

    public static async Task<IReadOnlyList<CollectionDigest[]>> CopyAsync(string dataDirectory, string fileName, PostgresDatabase target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var context = new LiteDbContext(dataDirectory, fileName);
        await target.MigrateAsync(cancellationToken);
        await EnsureEmptyAsync(target, cancellationToken);

        var source = new LiteDbPostStore(context);
        var posts = new PostgresPostStore(target);
        string? after = null;
        while (true)
        {
            var chunk = await source.ListBatchAsync(after, Chunk, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await source.LoadHtmlAsync(chunk, cancellationToken);
            await WriteAsync(target, batch => PostRows.AddWrites(batch, chunk), cancellationToken);
            after = chunk[^1].Id;
        }

        List<StoryRecord> stories;
        List<SourceState> states;
        List<BsonDocument> metadata;
        List<FrozenIssue> issues;
        List<FrozenIssue> versions;
        List<Subscriber> subscribers;
        List<IssueDelivery> deliveries;
        using (context.Gate.EnterScope())
        {
            stories = [.. context.Stories.FindAll()];
            states = [.. context.Sources.FindAll()];
            metadata = [.. context.Metadata.FindAll()];
            issues = [.. context.Newsletters.FindAll()];
            versions = [.. context.NewsletterVersions.FindAll()];
            subscribers = [.. context.Subscribers.FindAll()];
            deliveries = [.. context.Deliveries.FindAll()];
        }

        foreach (var chunk in stories.Chunk(Chunk))
        {
            await WriteAsync(target, batch => StoryRows.AddWrites(batch, chunk, []), cancellationToken);
        }

        var stateStore = new PostgresSourceStateStore(target);
        foreach (var state in states)
        {
            await stateStore.SaveAsync(state, cancellationToken);
        }

        var metadataStore = new PostgresMetadataStore(target);
        foreach (var entry in metadata)
        {
            await metadataStore.SetAsync(entry["_id"].AsString, Value(entry["value"]), cancellationToken);
        }

        var newsletters = new PostgresNewsletterStore(target);
        foreach (var issue in issues)
        {
            await newsletters.TryAddAsync(issue, cancellationToken);
        }

        foreach (var version in versions)
        {
            await newsletters.AddVersionAsync(version, cancellationToken);
        }

        var subscriberStore = new PostgresSubscriberStore(target);
        foreach (var subscriber in subscribers)
        {
            await subscriberStore.TryAddAsync(subscriber, cancellationToken);
        }

        foreach (var delivery in deliveries)
        {
            await subscriberStore.AddDeliveryAsync(delivery, cancellationToken);
        }

        await ContinueSequencesAsync(target, cancellationToken);
        return [await DigestAsync(context, cancellationToken), await DigestAsync(target, cancellationToken)];
    }

    /// <summary>Count and checksum of each collection of a LiteDB store, in its canonical form.</summary>
    public static async Task<CollectionDigest[]> DigestAsync(LiteDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var posts = await DigestPostsAsync(new LiteDbPostStore(context), cancellationToken);
        using var gate = context.Gate.EnterScope();
        return
        [
            posts,
            Digest("stories", context.Stories.FindAll().OrderBy(s => s.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("sources", context.Sources.FindAll().OrderBy(s => s.SourceId, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("metadata", context.Metadata.FindAll().Select(d => (Key: d["_id"].AsString, Value: Value(d["value"]))).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")),
            Digest("newsletters", context.Newsletters.FindAll().OrderBy(i => i.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("newsletter_versions", context.NewsletterVersions.FindAll().OrderBy(i => i.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("subscribers", context.Subscribers.FindAll().OrderBy(s => s.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("newsletter_deliveries", context.Deliveries.FindAll().OrderBy(d => d.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
        ];
    }

    /// <summary>Count and checksum of each collection of a PostgreSQL store, in the same canonical form.</summary>
    public static async Task<CollectionDigest[]> DigestAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var posts = await DigestPostsAsync(new PostgresPostStore(database), cancellationToken);
        var storyIds = await ColumnAsync(database, "SELECT id FROM aifeed_stories ORDER BY id", cancellationToken);
        var stories = await new PostgresPostStore(database).GetStoriesAsync(storyIds, cancellationToken);
        var metadata = await ColumnAsync(database, "SELECT key || '=' || value FROM aifeed_metadata ORDER BY key", cancellationToken);
        var newsletters = new PostgresNewsletterStore(database);
        var dates = await ColumnAsync(database, "SELECT date FROM aifeed_newsletters ORDER BY date", cancellationToken);
        var issues = new List<FrozenIssue>();
        foreach (var date in dates)
        {
            issues.Add((await newsletters.GetAsync(date, cancellationToken))!);
        }

        var subscribers = new PostgresSubscriberStore(database);
        return
        [
            posts,
            Digest("stories", stories.OrderBy(s => s.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("sources", (await new PostgresSourceStateStore(database).GetAllAsync(cancellationToken)).Select(StoreJson.Write)),
            Digest("metadata", metadata),
            Digest("newsletters", issues.Select(StoreJson.Write)),
            Digest("newsletter_versions", (await newsletters.ListVersionsAsync(cancellationToken)).Select(StoreJson.Write)),
            Digest("subscribers", (await subscribers.ListAsync(cancellationToken)).OrderBy(s => s.Id, StringComparer.Ordinal).Select(StoreJson.Write)),
            Digest("newsletter_deliveries", (await subscribers.ListAllDeliveriesAsync(cancellationToken)).Select(StoreJson.Write)),
        ];
    }

    // Posts in id order, each as its document and its HTML, read through the provider's own store.
    private static async Task<CollectionDigest> DigestPostsAsync(IPostStore store, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        string? after = null;
        while (true)
        {
            var chunk = await store.ListBatchAsync(after, Chunk, cancellationToken);
            await store.LoadHtmlAsync(chunk, cancellationToken);
            foreach (var post in chunk)
            {
                Append(hash, StoreJson.Write(post) + "\n" + post.ContentHtml);
                count++;
            }

            if (chunk.Count < Chunk)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        return new CollectionDigest("posts", count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static CollectionDigest Digest(string name, IEnumerable<string> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        foreach (var item in items)
        {
            Append(hash, item);
            count++;
        }

        return new CollectionDigest(name, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    // Each item behind its length, so items cannot run into one another.
    private static void Append(IncrementalHash hash, string item)
    {
        var bytes = Encoding.UTF8.GetBytes(item);
        hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
        hash.AppendData(bytes);
    }

    // LiteDB's own metadata keeps a number (the write revision); others are strings.
    private static string Value(BsonValue value) => value.IsString ? value.AsString : value.RawValue?.ToString() ?? "";

    private static async Task EnsureEmptyAsync(PostgresDatabase target, CancellationToken cancellationToken)
    {
        var held = await ColumnAsync(
            target,
            string.Join(" UNION ALL ", Tables.Select(t => $"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})")),
            cancellationToken);
        if (held.Count > 0)
        {
            throw new StoreNotEmptyException($"the {target.Location} already holds data ({string.Join(", ", held)}); copy into an empty database (create a new one, or drop and re-create it)");
        }
    }

    private static async Task WriteAsync(PostgresDatabase target, Action<NpgsqlBatch> add, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        add(batch);
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // Rows were written in id order: "newest written first" follows the copied revisions instead,
    // and new writes continue after the highest revision and write number.
    private static async Task ContinueSequencesAsync(PostgresDatabase target, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE aifeed_posts p SET written = o.n FROM (SELECT id, row_number() OVER (ORDER BY revision, written) AS n FROM aifeed_posts) o WHERE p.id = o.id;
            SELECT setval('aifeed_post_writes', greatest((SELECT max(written) FROM aifeed_posts), 1));
            SELECT setval('aifeed_revisions', greatest((SELECT max(revision) FROM aifeed_posts), (SELECT max(revision) FROM aifeed_stories), 1));
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task<List<string>> ColumnAsync(PostgresDatabase database, string sql, CancellationToken cancellationToken) =>
        database.QueryAsync(sql, [], r => r.GetString(0), cancellationToken);
}

/// <summary>One collection of a store: how many items it holds and a SHA-256 over their canonical form.</summary>
public sealed record CollectionDigest(string Collection, long Count, string Sha256);

/// <summary>copy-store's target already holds data; nothing was written.</summary>
public sealed class StoreNotEmptyException(string message) : Exception(message);
