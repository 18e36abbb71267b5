namespace AiFeed.Storage;

/// <summary>The LiteDB provider as the host sees it: the data file, its lock, its log, and the search index beside it.</summary>
public sealed class LiteDbLifecycle(LiteDbContext context, LiteDbPostStore posts) : IStoreLifecycle
{
    public string Location => context.DatabasePath;

    public long SizeInBytes => context.SizeInBytes;

    // The context opened (and locked the folder) when it was resolved for this instance.
    public void Open()
    {
    }

    public Task ReadyAsync(CancellationToken cancellationToken) => posts.IndexReadyAsync(cancellationToken);

    public void EnsureUsable() => context.EnsureLockHeld();

    public void BeforePollRun() => context.OpenIndexInBackground();

    // The log's copy into the data file runs while the search index commits: each writes its own files.
    public void AfterPollRun(long logBytes) => posts.CommitIndex(meanwhile: () => context.CheckpointIfLogOver(logBytes));
}
