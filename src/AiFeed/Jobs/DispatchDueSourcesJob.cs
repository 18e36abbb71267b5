using AiFeed.Ingestion;
using Quartz;

namespace AiFeed.Jobs;

/// <summary>Refreshes the sources that are due. Thin on purpose: the poller holds the logic and its tests.</summary>
[DisallowConcurrentExecution]
public sealed class DispatchDueSourcesJob(SourcePoller poller) : IJob
{
    public static readonly JobKey Key = new("dispatch-due-sources");

    public static readonly TriggerKey TriggerKey = new("dispatch-due-sources-trigger");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await poller.PollDueAsync(cancellationToken);
}
