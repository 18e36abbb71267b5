using Npgsql;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL database of its own for one test class: created with a unique name on the server
/// AIFEED_TEST_POSTGRES names (.ci/run starts a throwaway one), dropped afterwards. Without the
/// variable the tests that need it skip with a message (fail under AIFEED_REQUIRE_ALL=1).
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    public const string Variable = "AIFEED_TEST_POSTGRES";

    private static readonly string[] StoreTables =
        ["aifeed_posts", "aifeed_search_words", "aifeed_stories", "aifeed_source_states", "aifeed_metadata", "aifeed_newsletters", "aifeed_newsletter_versions", "aifeed_subscribers", "aifeed_deliveries"];

    private readonly string name = "aifeed_test_" + Guid.NewGuid().ToString("N")[..16];

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>The test database's connection string (empty when no server is configured).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Skips the calling test (or fails it under CI) when no server is configured.</summary>
    public static void EnsureConfigured()
    {
        if (Server is null)
        {
            TestEnvironment.SkipOrFail($"{Variable} is not set: these tests need a PostgreSQL server (.ci/run starts one; set {Variable} to a connection string of a user that may create databases)");
        }
    }

    /// <summary>Another fresh database on the same server (dropped with this one).</summary>
    public async Task<string> CreateAnotherAsync(string suffix)
    {
        var other = $"{name}_{suffix}";
        await ExecuteAsync(Server!, $"CREATE DATABASE {other}");
        lock (extra)
        {
            extra.Add(other);
        }

        return WithDatabase(other);
    }

    private readonly List<string> extra = [];

    public async ValueTask InitializeAsync()
    {
        if (Server is not { } server)
        {
            return;
        }

        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        ConnectionString = WithDatabase(name);
    }

    /// <summary>Empties every store table and restarts the sequences: each test starts from an empty store.</summary>
    public async Task EmptyAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('aifeed_posts') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync() is true)
        {
            await using var truncate = new NpgsqlCommand($"TRUNCATE {string.Join(", ", StoreTables)}; ALTER SEQUENCE aifeed_revisions RESTART; ALTER SEQUENCE aifeed_post_writes RESTART", connection);
            await truncate.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not { } server)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var database in extra.Append(name))
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static string WithDatabase(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
