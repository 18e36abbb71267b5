using AiFeed.Publishing.Newsletter;
using Quartz;

namespace AiFeed.Jobs;

/// <summary>Composes and freezes the day's issue (a no-op when someone already asked for it). Thin on purpose.</summary>
[DisallowConcurrentExecution]
public sealed class ComposeNewsletterJob(NewsletterService newsletter) : IJob
{
    public static readonly JobKey Key = new("compose-newsletter");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await newsletter.GetOrComposeAsync(newsletter.Today(), cancellationToken);
}
