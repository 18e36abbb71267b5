using AiFeed.Publishing.Newsletter.Delivery;
using Quartz;

namespace AiFeed.Jobs;

/// <summary>
/// The daily newsletter run: compose and freeze the day's issue, then mail it to every subscriber
/// who does not have it yet (a no-op for whatever was done already). Thin on purpose.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ComposeNewsletterJob(IssueSender sender) : IJob
{
    public static readonly JobKey Key = new("compose-newsletter");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sender.RunDailyAsync(cancellationToken);
}
