using AiFeed.Ingestion;
using Quartz;

namespace AiFeed.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// One dispatcher job, every Polling:DispatchInterval, measured from the end of the previous run.
    /// With the PostgreSQL store the schedule is shared by every node (clustered), and a node with
    /// Polling:Enabled=false runs no scheduler: it serves the API only.
    /// </summary>
    public static IServiceCollection AddPollingJobs(this IServiceCollection services, IConfiguration configuration)
    {
        // Quartz builds its triggers at registration, before options resolve: read the section directly.
        var polling = configuration.GetSection(PollingOptions.SectionName).Get<PollingOptions>() ?? new PollingOptions();
        var store = SchedulerStore.From(configuration, polling);
        services.AddSingleton(store);
        services.AddQuartz(quartz =>
        {
            // On shutdown the running poll is cancelled through its token and awaited.
            quartz.ConfigureScheduler(o => o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs);
            store.Apply(quartz);
            // Recovery: in a cluster, a node that dies mid-poll has the run redone by another node.
            quartz.AddJob<DispatchDueSourcesJob>(j => j.WithIdentity(DispatchDueSourcesJob.Key).StoreDurably().RequestRecovery());
            if (polling.Enabled)
            {
                quartz.AddTrigger(t => t
                    .ForJob(DispatchDueSourcesJob.Key)
                    .WithIdentity(DispatchDueSourcesJob.TriggerKey)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(polling.DispatchInterval)
                        .MeasureIntervalFromCompletion(true)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }
        });

        // Every node declares the same jobs and triggers at start. Replacing what is stored keeps a
        // changed interval in force; taking over the stored firing history keeps a restart from
        // firing the schedule again (the upsert is idempotent across nodes).
        services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        if (!store.Clustered || polling.Enabled)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }
}
