using AiFeed.Storage;

namespace AiFeed.Tests.Infrastructure;

/// <summary>A LiteDB data folder of its own with the post and source-state stores over it, removed afterwards.</summary>
public sealed class TempStore : IDisposable
{
    private readonly TempDirectory folder = new();

    public TempStore()
    {
        Context = new LiteDbContext(folder.File("data"), "aifeed.db");
        Posts = new LiteDbPostStore(Context);
        States = new LiteDbSourceStateStore(Context);
    }

    public LiteDbContext Context { get; }

    public LiteDbPostStore Posts { get; }

    public LiteDbSourceStateStore States { get; }

    public IStoreLifecycle Lifecycle => new LiteDbLifecycle(Context, Posts);

    /// <summary>Waits for the post store's in-memory indexes, after which it knows every stored id.</summary>
    public Task MemoryIndexesBuiltAsync(CancellationToken cancellationToken) => Posts.CountBySourceAsync(cancellationToken);

    public void Dispose()
    {
        States.Dispose();
        Context.Dispose();
        folder.Dispose();
    }
}
