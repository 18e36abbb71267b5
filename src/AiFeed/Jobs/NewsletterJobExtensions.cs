using System.Globalization;
using AiFeed.Publishing.Newsletter;
using Quartz;

namespace AiFeed.Jobs;

public static class NewsletterJobExtensions
{
    /// <summary>The daily issue job: a cron trigger at Newsletter:ComposeAt in Newsletter:TimeZone (its own DST rules included), and one run at start.</summary>
    public static IServiceCollection AddNewsletterJob(this IServiceCollection services, IConfiguration configuration)
    {
        // Quartz builds its triggers at registration, before options resolve: read the section directly.
        // A bad zone is left to the options validation at start, which names the setting.
        var options = configuration.GetSection(NewsletterOptions.SectionName).Get<NewsletterOptions>() ?? new NewsletterOptions();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<ComposeNewsletterJob>(j => j.WithIdentity(ComposeNewsletterJob.Key).StoreDurably());
            if (options.Enabled && TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone))
            {
                quartz.AddTrigger(t => t
                    .ForJob(ComposeNewsletterJob.Key)
                    .WithIdentity("compose-newsletter-trigger")
                    .WithCronSchedule(CronExpression(options.ComposeAt), cron => cron
                        .InTimeZone(zone)
                        // Late (a busy pool, a long pause): compose once now; the issue is still today's.
                        .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));

                // Beside LiteDB Quartz's store is in memory: a day whose time passed while the service
                // was down has no misfire to fire. One run at start catches up (it does nothing before
                // the time, and sends nobody a second copy); in a cluster each starting node adds one,
                // run one at a time ([DisallowConcurrentExecution]) and as harmless.
                quartz.AddTrigger(t => t
                    .ForJob(ComposeNewsletterJob.Key)
                    .WithIdentity("newsletter-catch-up-trigger")
                    .StartNow());
            }
        });
        return services;
    }

    /// <summary>"s m h * * ?": every day at that minute (seconds are not part of the schedule).</summary>
    internal static string CronExpression(TimeOnly at) =>
        string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} * * ?");
}
