using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// Tells this node's post-write observers (the feed and API caches) when any node wrote posts or
/// stories: one connection LISTENs to the notification migration 0901 raises on every such write.
/// Without it a node that did not poll would serve cached answers up to a minute behind the others.
/// </summary>
public sealed partial class PostgresWriteListener(
    IOptions<StorageOptions> storage,
    IServiceProvider services,
    IEnumerable<IPostWriteObserver> observers,
    ILogger<PostgresWriteListener> logger) : BackgroundService
{
    public const string Channel = "aifeed_posts_written";

    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

    private readonly IPostWriteObserver[] observers = [.. observers];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!storage.Value.UsesPostgres || observers.Length == 0)
        {
            return;
        }

        // Resolved here, not injected: with LiteDB there is no connection string to build it from.
        var database = services.GetRequiredService<PostgresDatabase>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(database, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The server restarted or the network dropped: caches still expire on their own
                // (a minute at most) until the next connection listens again.
                Log.ListenFailed(logger, ex, Reconnect.TotalSeconds);
                await Task.Delay(Reconnect, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(PostgresDatabase database, CancellationToken stoppingToken)
    {
        await using var connection = await database.OpenAsync(stoppingToken);
        var written = 0;
        connection.Notification += (_, _) => written++;
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Whatever was written while nobody listened (a start, a reconnect) is missed: drop it all once.
        await NotifyObserversAsync(stoppingToken);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            if (written > 0)
            {
                written = 0;
                await NotifyObserversAsync(stoppingToken);
            }
        }
    }

    private async Task NotifyObserversAsync(CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.PostsWrittenAsync(0, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 960, Level = LogLevel.Warning, Message = "Listening for other nodes' writes failed; trying again in {Seconds} s (cached answers expire on their own meanwhile)")]
        public static partial void ListenFailed(ILogger logger, Exception exception, double seconds);
    }
}
