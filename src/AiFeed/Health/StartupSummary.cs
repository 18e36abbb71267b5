using AiFeed.Catalog;
using AiFeed.Endpoints;
using AiFeed.Ingestion;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AiFeed.Health;

/// <summary>
/// Once the server listens, a few lines that say what is true: where it serves, which data file and
/// catalog it uses, where polling stands and whether the admin API is on (and how to turn it on).
/// </summary>
internal sealed partial class StartupSummary(
    IHostApplicationLifetime lifetime,
    IServer server,
    IHostEnvironment environment,
    ICatalogProvider catalog,
    ISourceStateStore states,
    IPostStore posts,
    IStoreLifecycle store,
    IOptions<PollingOptions> polling,
    IOptionsMonitor<AdminOptions> admin,
    ILogger<StartupSummary> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = WriteAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return;
            }

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var listening = addresses.Count == 0 ? "(no address)" : string.Join(", ", addresses);
            Log.Serving(logger, listening, environment.EnvironmentName);
            var stored = await posts.CountAsync(new PostQuery(), cancellationToken);
            Log.Data(logger, store.Location, stored);
            var current = catalog.Current;
            var enabled = current.Sources.Count(s => s.Enabled);
            Log.Catalog(logger, catalog.FilePath, current.Sources.Count, enabled);
            foreach (var error in catalog.Errors.Take(3))
            {
                var line = error.ToString();
                Log.CatalogError(logger, line);
            }

            var overview = PollingOverview.Of(current, await states.GetAllAsync(cancellationToken));
            var summary = overview.Describe();
            if (!polling.Value.Enabled)
            {
                Log.PollingOff(logger, summary);
            }
            else
            {
                Log.Polling(logger, summary);
            }

            if (string.IsNullOrEmpty(admin.CurrentValue.ApiKey))
            {
                Log.AdminOff(logger);
            }
            else
            {
                Log.AdminOn(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A summary that cannot be written must not take the service down; the store's own checks report real trouble.
            Log.Failed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the summary was written.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "AiFeed is serving {Addresses} ({Environment})")]
        public static partial void Serving(ILogger logger, string addresses, string environment);

        [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Data: {Store}, {Posts} posts")]
        public static partial void Data(ILogger logger, string store, long posts);

        [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Catalog {FeedsPath}: {Sources} sources, {Enabled} enabled")]
        public static partial void Catalog(ILogger logger, string feedsPath, int sources, int enabled);

        [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Catalog error: {Error}")]
        public static partial void CatalogError(ILogger logger, string error);

        [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Polling: {Overview}; sources that never succeeded are polled now, the others when due")]
        public static partial void Polling(ILogger logger, string overview);

        [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "Polling is off (Polling:Enabled=false): {Overview}")]
        public static partial void PollingOff(ILogger logger, string overview);

        [LoggerMessage(EventId = 906, Level = LogLevel.Information, Message = "Admin API off: no Admin:ApiKey is configured ('aifeed admin-key' prints a new key; docs/operations.md#admin-api)")]
        public static partial void AdminOff(ILogger logger);

        [LoggerMessage(EventId = 907, Level = LogLevel.Information, Message = "Admin API on: requests need the X-Api-Key header")]
        public static partial void AdminOn(ILogger logger);

        [LoggerMessage(EventId = 908, Level = LogLevel.Warning, Message = "The start-up summary could not be written")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
