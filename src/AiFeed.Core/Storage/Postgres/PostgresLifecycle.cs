namespace AiFeed.Storage.Postgres;

/// <summary>The PostgreSQL provider as the host sees it: migrations at start; the server keeps its own files.</summary>
public sealed class PostgresLifecycle(PostgresDatabase database) : IStoreLifecycle
{
    public string Location => database.Location;

    public long SizeInBytes => database.SizeInBytes();

    // Start-up is synchronous (UseAiFeed): a server that cannot be reached stops the start here, in one line.
    public void Open() => database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();

    public Task ReadyAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public void EnsureUsable()
    {
    }

    public void BeforePollRun()
    {
    }

    public void AfterPollRun(long logBytes)
    {
    }
}
