using System.Collections.Concurrent;
using AiFeed.Jobs;
using AiFeed.Storage.Postgres;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace AiFeed.Tests.Jobs;

/// <summary>
/// The schedule shared through Quartz's clustered store on PostgreSQL: a job that disallows
/// concurrent runs runs on one node at a time across the cluster, each firing once. The two-node
/// process test (ClusterPollingTests) shows the same for the real dispatcher and a killed node.
/// </summary>
public sealed class SchedulerClusterTests
{
    private static readonly JobKey Key = new("recorded");

    [Fact]
    public async Task DisallowConcurrentJob_TwoClusteredSchedulers_RunsOnceAtATimeAcrossTheCluster()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        TestPostgres.EnsureConfigured();
        await using var database = new TestPostgres();
        await database.InitializeAsync();
        await using (var migrations = new PostgresDatabase(database.ConnectionString))
        {
            await migrations.MigrateAsync(ct);
        }
        var runs = new ConcurrentQueue<Run>();
        var store = new SchedulerStore(database.ConnectionString, TimeSpan.FromSeconds(2));
        await using var first = await StartNodeAsync(store, runs, ct);
        await using var second = await StartNodeAsync(store, runs, ct);

        // Act: every 100 ms from the end of a 150 ms run, 30 runs.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        while (runs.Count < 30)
        {
            await Task.Delay(50, bound.Token);
        }

        // Assert
        var ordered = runs.OrderBy(r => r.Started).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Started >= ordered[i - 1].Ended, $"run {i} on {ordered[i].Node} started before run {i - 1} on {ordered[i - 1].Node} ended");
        }

        Assert.Equal(ordered.Count, ordered.Select(r => r.FireId).Distinct(StringComparer.Ordinal).Count());
        var nodes = ordered.Select(r => r.Node).Distinct(StringComparer.Ordinal).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{ordered.Count} runs, one at a time, on {nodes.Count} node(s): {string.Join(", ", nodes)}");
    }

    [Fact]
    public void AddPollingJobs_PostgresWithPollingOff_RunsNoScheduler()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Database=aifeed",
            ["Polling:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();

        // Act
        services.AddPollingJobs(configuration);

        // Assert: the API-only node keeps the scheduler factory (nothing fires) and no hosted service starts it.
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService));
        Assert.True(services.BuildServiceProvider().GetRequiredService<SchedulerStore>().Clustered);
    }

    [Fact]
    public void AddPollingJobs_LiteDbWithPollingOff_KeepsTheInMemorySchedulerRunning()
    {
        // Arrange: one node; the newsletter job still needs the scheduler when polling is off.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Polling:Enabled"] = "false" }).Build();
        var services = new ServiceCollection();

        // Act
        services.AddPollingJobs(configuration);

        // Assert
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService));
        Assert.False(services.BuildServiceProvider().GetRequiredService<SchedulerStore>().Clustered);
    }

    private static async Task<Node> StartNodeAsync(SchedulerStore store, ConcurrentQueue<Run> runs, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(runs);
        services.AddQuartz(quartz =>
        {
            store.Apply(quartz);
            // Declared as the dispatcher is (Jobs/JobsServiceCollectionExtensions.cs), by every node.
            quartz.AddJob<RecordingJob>(j => j.WithIdentity(Key).StoreDurably().RequestRecovery());
            quartz.AddTrigger(t => t
                .ForJob(Key)
                .WithIdentity("recorded-trigger")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromMilliseconds(100))
                    .MeasureIntervalFromCompletion(true)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
        return new Node(provider, scheduler);
    }

    private sealed record Run(string Node, string FireId, DateTime Started, DateTime Ended);

    private sealed class Node(ServiceProvider provider, IScheduler scheduler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
            await provider.DisposeAsync();
        }
    }

    [DisallowConcurrentExecution]
    private sealed class RecordingJob(ConcurrentQueue<Run> runs) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var started = DateTime.UtcNow;
            await Task.Delay(150, cancellationToken);
            runs.Enqueue(new Run(context.Scheduler.SchedulerInstanceId, context.FireInstanceId, started, DateTime.UtcNow));
        }
    }
}
