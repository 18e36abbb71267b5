using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Storage.Postgres;
using LiteDB;
using Npgsql;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// Every store of one provider over an empty store of its own: what the store-contract tests run
/// against, the same assertions on LiteDB and on PostgreSQL. The few questions a contract cannot ask
/// through the interfaces (what the database itself holds) are answered per provider.
/// </summary>
public abstract class StoreUnderTest : IAsyncDisposable
{
    public abstract IPostStore Posts { get; }

    public IStoryStore Stories => (IStoryStore)Posts;

    public abstract ISourceStateStore States { get; }

    public abstract INewsletterStore Newsletters { get; }

    public abstract ISubscriberStore Subscribers { get; }

    public abstract IMetadataStore Metadata { get; }

    /// <summary>Searches and counts answer from current data (LiteDB: its index built).</summary>
    public abstract Task ReadyAsync(CancellationToken cancellationToken);

    /// <summary>Post rows (documents) the database holds.</summary>
    public abstract Task<long> StoredPostsAsync();

    /// <summary>Story records the database holds.</summary>
    public abstract Task<long> StoredStoriesAsync();

    /// <summary>The source state as the database holds it (no cache of the store in between).</summary>
    public abstract Task<SourceState?> StoredStateAsync(string sourceId);

    /// <summary>HTML records read since the store opened, where the provider counts them (LiteDB).</summary>
    public virtual long? HtmlReads => null;

    /// <summary>Makes <paramref name="post"/> one the database refuses to write.</summary>
    public abstract void MakeRefused(Post post);

    /// <summary>Lowers how many stories a search ranks before it stops reaching further back, to reach it with a few hundred posts.</summary>
    public abstract void LimitRankDepth(int depth);

    public abstract ValueTask DisposeAsync();
}

public sealed class LiteDbStoreUnderTest : StoreUnderTest
{
    private readonly TempStore store = new();

    public override IPostStore Posts => store.Posts;

    public override ISourceStateStore States => store.States;

    public override INewsletterStore Newsletters => new LiteDbNewsletterStore(store.Context);

    public override ISubscriberStore Subscribers => new LiteDbSubscriberStore(store.Context);

    public override IMetadataStore Metadata => new LiteDbMetadataStore(store.Context);

    public LiteDbContext Context => store.Context;

    public override long? HtmlReads => store.Context.HtmlReads;

    public override Task ReadyAsync(CancellationToken cancellationToken) => store.Posts.IndexReadyAsync(cancellationToken);

    public override Task<long> StoredPostsAsync() => Task.FromResult((long)store.Context.Posts.Count());

    public override Task<long> StoredStoriesAsync() => Task.FromResult((long)store.Context.Stories.Count());

    public override Task<SourceState?> StoredStateAsync(string sourceId) => Task.FromResult<SourceState?>(store.Context.Sources.FindById(new BsonValue(sourceId)));

    // Past LiteDB's largest document (16 MB).
    public override void MakeRefused(Post post) => post.Summary = new string('x', 17_000_000);

    public override void LimitRankDepth(int depth) => store.Context.Index.RankDepth = depth;

    public override ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresStoreUnderTest(string connectionString) : StoreUnderTest
{
    private readonly PostgresDatabase database = new(connectionString);

    public PostgresDatabase Database => database;

    public override IPostStore Posts => field ??= new PostgresPostStore(database);

    public override ISourceStateStore States => field ??= new PostgresSourceStateStore(database);

    public override INewsletterStore Newsletters => new PostgresNewsletterStore(database);

    public override ISubscriberStore Subscribers => new PostgresSubscriberStore(database);

    public override IMetadataStore Metadata => new PostgresMetadataStore(database);

    public override Task ReadyAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public override Task<long> StoredPostsAsync() => CountAsync("aifeed_posts");

    public override Task<long> StoredStoriesAsync() => CountAsync("aifeed_stories");

    public override async Task<SourceState?> StoredStateAsync(string sourceId) =>
        await new PostgresSourceStateStore(database).GetAsync(sourceId, CancellationToken.None);

    // PostgreSQL text cannot hold NUL.
    public override void MakeRefused(Post post) => post.ContentHtml = "<p>\0</p>";

    public override void LimitRankDepth(int depth) => ((PostgresPostStore)Posts).RankDepth = depth;

    public override ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<long> CountAsync(string table)
    {
        await database.MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
