using AiFeed.Ingestion.Processing.Tagging;

namespace AiFeed.Jobs;

/// <summary>
/// Re-tags stored posts when the taxonomy changed, before the scheduler starts: registered ahead of
/// Quartz, so no poll writes a post while its tags are being recomputed.
/// </summary>
internal sealed class RetagOnStartService(Retagger retagger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => retagger.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
