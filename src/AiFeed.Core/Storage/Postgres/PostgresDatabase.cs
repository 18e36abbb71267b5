using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every store of the <c>postgres</c> provider uses: one pooled
/// <see cref="NpgsqlDataSource"/> per process, and the schema brought up to date
/// (<see cref="PostgresMigrations"/>) before the first connection is handed out.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly Lock gate = new();
    private Task? migration;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>Host, port and database, never the password: for start-up lines and errors.</summary>
    public string Location { get; }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>This node's mark on the notifications its writes send (PostgresWriteListener).</summary>
    internal string Node { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Why <paramref name="connectionString"/> cannot be parsed, or null when it can.</summary>
    public static string? CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Applies missing migrations once per process (a failure is retried by the next use).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            if (migration is null || migration.IsFaulted || migration.IsCanceled)
            {
                migration = PostgresMigrations.ApplyAsync(DataSource, CancellationToken.None);
            }

            task = migration;
        }

        try
        {
            await task.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ex is NpgsqlException or PostgresException ? Unavailable(ex) : ex;
        }
    }

    /// <summary>An open connection to an up-to-date schema.</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (migration is not { IsCompletedSuccessfully: true })
        {
            await MigrateAsync(cancellationToken);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The bytes the database takes on disk.</summary>
    public long SizeInBytes()
    {
        using var command = DataSource.CreateCommand("SELECT pg_database_size(current_database())");
        return command.ExecuteScalar() is long size ? size : 0;
    }

    internal StoreUnavailableException Unavailable(Exception ex) =>
        new($"the {Location} cannot be used ({ex.Message.TrimEnd('.')}); check Storage:ConnectionString and that the server is up (docs/operations.md#postgresql)", ex);

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>The store's server cannot be reached or refused the schema; the message says what to check.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
