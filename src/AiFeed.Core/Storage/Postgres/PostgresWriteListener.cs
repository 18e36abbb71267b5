using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// Tells this node's <see cref="IPostWriteObserver"/>s (its output caches) when another node wrote
/// posts: every write batch sends <c>NOTIFY aifeed_posts_written</c> in its transaction, and each
/// node LISTENs on a connection of its own. Without it a node would serve its cached lists until
/// they expire. Its own notifications are skipped: its observers ran when it wrote.
/// </summary>
public sealed partial class PostgresWriteListener(
    IOptions<StorageOptions> options,
    IServiceProvider services,
    IEnumerable<IPostWriteObserver> observers,
    ILogger<PostgresWriteListener> logger) : BackgroundService
{
    public const string Channel = "aifeed_posts_written";

    private readonly IPostWriteObserver[] observers = [.. observers];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UsesPostgres || observers.Length == 0)
        {
            return;
        }

        // Resolved only now: with the LiteDB provider there is no connection string to make it from.
        var database = (PostgresDatabase)services.GetService(typeof(PostgresDatabase))!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _ = OnNotifiedAsync(database.Node, e.Payload, stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // A write missed while not listening is covered by evicting once on (re)connecting.
                await OnNotifiedAsync(database.Node, "", stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ListenFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task OnNotifiedAsync(string node, string payload, CancellationToken cancellationToken)
    {
        var parts = payload.Split(':', 2);
        if (string.Equals(parts[0], node, StringComparison.Ordinal))
        {
            return;
        }

        var count = parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var written) ? written : 0;
        foreach (var observer in observers)
        {
            try
            {
                await observer.PostsWrittenAsync(count, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ObserverFailed(logger, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "Listening for other nodes' writes failed; retrying in 5 s (cached lists expire meanwhile)")]
        public static partial void ListenFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "An observer of another node's writes failed")]
        public static partial void ObserverFailed(ILogger logger, Exception exception);
    }
}
