namespace AiFeed.Storage;

/// <summary>
/// What the host asks of the store as a whole, whichever provider holds the data: open it at start
/// (a held data folder or an unreachable server stops the start with one line), say where it is,
/// how big it is, whether it is still usable, and tidy up after a poll run.
/// </summary>
public interface IStoreLifecycle
{
    /// <summary>The data file's path, or the PostgreSQL host and database (never a password).</summary>
    string Location { get; }

    /// <summary>Opens the store: LiteDB opens and locks its file; PostgreSQL applies missing migrations.</summary>
    void Open();

    /// <summary>Done when searches and counts answer from current data (LiteDB: its search index caught up).</summary>
    Task ReadyAsync(CancellationToken cancellationToken);

    /// <summary>Bytes the data takes on disk.</summary>
    long SizeInBytes { get; }

    /// <summary>Throws when the store is no longer this process's to use (LiteDB: the data folder lock was lost).</summary>
    void EnsureUsable();

    /// <summary>
    /// Before a poll run: LiteDB opens its search index in the background if it is not open yet, so
    /// the open overlaps the run's first fetches instead of holding up its first stored-post lookup;
    /// PostgreSQL needs nothing.
    /// </summary>
    void BeforePollRun();

    /// <summary>After a poll run: LiteDB commits its search index once and copies its log into the data file once it holds more than <paramref name="logBytes"/>; PostgreSQL needs nothing.</summary>
    void AfterPollRun(long logBytes);
}
