using AiFeed.Storage.Postgres;
using Npgsql;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// A database of its own on the PostgreSQL server AIFEED_TEST_POSTGRES names (.ci/run starts a
/// throwaway one), dropped at the end. Skips with a message where the variable is unset, and fails
/// under AIFEED_REQUIRE_ALL=1.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "AIFEED_TEST_POSTGRES";

    private readonly string server;

    private TestPostgres(string server, string name, string connectionString)
    {
        this.server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync(CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            TestEnvironment.SkipOrFail($"{Variable} is not set: point it at a PostgreSQL server the tests may create databases on (.ci/run starts one), such as Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");
        }

        var name = "aifeed_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server!) { Database = name, Pooling = false }.ConnectionString;
        return new TestPostgres(server!, name, connectionString);
    }

    /// <summary>Applies every migration of ours (the store's tables and Quartz's), as a node does at start.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var database = new PostgresDatabase(ConnectionString);
        await database.MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        // Killed nodes may leave sessions behind for a moment; FORCE ends them.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
