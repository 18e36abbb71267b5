using AiFeed.Ingestion.Processing;

namespace AiFeed.Jobs;

/// <summary>
/// Decides stored stories again when the story rules changed, before the scheduler starts:
/// registered ahead of Quartz, so no poll writes a story while they are being decided.
/// </summary>
internal sealed class StoryUpgradeOnStartService(StoryUpgrade upgrade) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => upgrade.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
