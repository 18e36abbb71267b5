using System.Threading.Channels;
using AiFeed.Catalog;
using AiFeed.Ingestion;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiFeed.Jobs;

/// <summary>
/// When a new catalog comes into force, brings the schedule in line and starts the dispatcher at
/// once, so a new source is polled within seconds rather than at the next dispatch interval.
/// </summary>
internal sealed partial class CatalogChangeListener(
    ICatalogProvider catalog,
    CatalogReconciler reconciler,
    ISchedulerFactory schedulers,
    IOptionsMonitor<PollingOptions> polling,
    ILogger<CatalogChangeListener> logger) : BackgroundService
{
    private readonly Channel<CatalogChangedEventArgs> changes = Channel.CreateUnbounded<CatalogChangedEventArgs>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        catalog.Changed -= OnChanged;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ListenAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the host failed to start): not a failure to log.
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var earlier = await reconciler.ApplyAsync(change, stoppingToken);
                if (earlier && polling.CurrentValue.Enabled)
                {
                    // A run in progress finishes first ([DisallowConcurrentExecution]); this one follows.
                    var scheduler = await schedulers.GetScheduler(stoppingToken);
                    await scheduler.TriggerJob(DispatchDueSourcesJob.Key, stoppingToken);
                    Log.DispatchTriggered(logger, change.Added.Count, change.Modified.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next dispatch still picks up the change; the listener must keep listening.
                Log.ApplyFailed(logger, ex);
            }
        }
    }

    private void OnChanged(object? sender, CatalogChangedEventArgs e) => changes.Writer.TryWrite(e);

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Catalog changed ({Added} added, {Modified} changed): polling due sources now")]
        public static partial void DispatchTriggered(ILogger logger, int added, int modified);

        [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Applying a catalog change to the schedule failed; the next dispatch picks it up")]
        public static partial void ApplyFailed(ILogger logger, Exception exception);
    }
}
