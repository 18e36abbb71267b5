using AiFeed.Storage;
using AiFeed.Storage.Postgres;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFeed.Tests.Storage;

/// <summary>A write of posts by another node (another connection) reaches this node's cache observers.</summary>
public sealed class PostgresWriteListenerTests
{
    [Fact]
    public async Task Listener_AnotherConnectionWritesPosts_ObserversHearIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        TestPostgres.EnsureConfigured();
        await using var server = new TestPostgres();
        await server.InitializeAsync();
        var services = new ServiceCollection();
        services.AddSingleton(new PostgresDatabase(server.ConnectionString));
        await using var provider = services.BuildServiceProvider();
        var observer = new CountingObserver();
        var options = Options.Create(new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = server.ConnectionString });
        using var listener = new PostgresWriteListener(options, provider, [observer], NullLogger<PostgresWriteListener>.Instance);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        await ((IHostedService)listener).StartAsync(ct);

        // It drops everything once when it starts listening (what was written before is unknown).
        while (observer.Calls < 1)
        {
            await Task.Delay(20, bound.Token);
        }

        // Act: a write by "another node".
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var write = new NpgsqlCommand("UPDATE aifeed_posts SET id = id WHERE false", connection);
            await write.ExecuteNonQueryAsync(ct);
        }

        // Assert: heard (the bound fails the test when it is not).
        while (observer.Calls < 2)
        {
            await Task.Delay(20, bound.Token);
        }

        await ((IHostedService)listener).StopAsync(ct);
        Assert.Equal(2, observer.Calls);
    }

    private sealed class CountingObserver : IPostWriteObserver
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return ValueTask.CompletedTask;
        }
    }
}
