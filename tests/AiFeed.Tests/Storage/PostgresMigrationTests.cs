using AiFeed.Storage.Postgres;
using AiFeed.Tests.Infrastructure;
using Npgsql;

namespace AiFeed.Tests.Storage;

/// <summary>The PostgreSQL schema migrations: applied once however often and however many nodes start at once.</summary>
public sealed class PostgresMigrationTests(TestPostgres server) : IClassFixture<TestPostgres>
{
    [Fact]
    public async Task Apply_FourNodesAtOnceThenAgain_EachMigrationRunsOnce()
    {
        // Arrange
        TestPostgres.EnsureConfigured();
        var ct = TestContext.Current.CancellationToken;
        var nodes = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(server.ConnectionString)).ToList();

        // Act
        var applied = await Task.WhenAll(nodes.Select(n => PostgresMigrations.ApplyAsync(n, ct)));
        var again = await PostgresMigrations.ApplyAsync(nodes[0], ct);

        // Assert: between them the nodes applied every migration exactly once, in name order.
        var all = PostgresMigrations.All.Select(m => m.Name).ToList();
        Assert.Equal(all, applied.SelectMany(a => a).Order(StringComparer.Ordinal));
        Assert.Contains("0001_store.sql", all);
        Assert.Empty(again);
        Assert.Equal(all, (await PostgresMigrations.AppliedAsync(nodes[0], ct)).Order(StringComparer.Ordinal));
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Apply_MigrationEditedAfterItWasApplied_RefusedWithWhatToDo()
    {
        // Arrange
        TestPostgres.EnsureConfigured();
        var ct = TestContext.Current.CancellationToken;
        var connection = await server.CreateAnotherAsync("edited");
        await using var database = new PostgresDatabase(connection);
        await PostgresMigrations.ApplyAsync(database, ct);
        await using (var edit = new NpgsqlConnection(connection))
        {
            await edit.OpenAsync(ct);
            await using var command = new NpgsqlCommand("UPDATE aifeed_schema_migrations SET sha256 = 'other' WHERE name = '0001_store.sql'", edit);
            await command.ExecuteNonQueryAsync(ct);
        }

        // Act
        var error = await Assert.ThrowsAsync<MigrationChangedException>(() => PostgresMigrations.ApplyAsync(database, ct));

        // Assert
        Assert.Equal("the migration 0001_store.sql was changed after it was applied to this database; put the change in a new migration file instead", error.Message);
    }

    [Fact]
    public async Task MigrateVerb_NewDatabaseThenAgain_AppliesThenSaysUpToDate()
    {
        // Arrange
        TestPostgres.EnsureConfigured();
        var ct = TestContext.Current.CancellationToken;
        var connection = await server.CreateAnotherAsync("verb");
        using var folder = new TempDirectory();

        // Act
        var first = await AiFeedProcess.RunAsync(folder.Path, ct, "migrate", "--connection", connection);
        var second = await AiFeedProcess.RunAsync(folder.Path, ct, "migrate", $"--Storage:ConnectionString={connection}");
        var unreachable = await AiFeedProcess.RunAsync(folder.Path, ct, "migrate", "--connection", "Host=127.0.0.1;Port=1;Database=none;Timeout=2");
        var none = await AiFeedProcess.RunAsync(folder.Path, ct, "migrate");

        // Assert
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("applied 0001_store.sql", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains($"schema up to date ({PostgresMigrations.All.Count} migrations, 0 applied now)", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("aifeed: the PostgreSQL database 'none' on 127.0.0.1:1 cannot be used", Assert.Single(unreachable.Stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Equal("aifeed: no PostgreSQL database given: pass --connection CONNSTRING or set Storage:ConnectionString (see 'aifeed migrate --help')", none.Stderr.TrimEnd());
    }
}
