using AiFeed.Ingestion;
using Quartz;

namespace AiFeed.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>One dispatcher job, every Polling:DispatchInterval, measured from the end of the previous run.</summary>
    public static IServiceCollection AddPollingJobs(this IServiceCollection services, IConfiguration configuration)
    {
        // Quartz builds its triggers at registration, before options resolve: read the section directly.
        var polling = configuration.GetSection(PollingOptions.SectionName).Get<PollingOptions>() ?? new PollingOptions();
        services.AddQuartz(quartz =>
        {
            // On shutdown the running poll is cancelled through its token and awaited.
            quartz.ConfigureScheduler(o => o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs);
            quartz.UseInMemoryStore(o => o.MisfireThreshold = TimeSpan.FromSeconds(30));
            quartz.AddJob<DispatchDueSourcesJob>(j => j.WithIdentity(DispatchDueSourcesJob.Key).StoreDurably());
            if (polling.Enabled)
            {
                quartz.AddTrigger(t => t
                    .ForJob(DispatchDueSourcesJob.Key)
                    .WithIdentity("dispatch-due-sources-trigger")
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(polling.DispatchInterval)
                        .MeasureIntervalFromCompletion(true)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
