using AiFeed.Ingestion;
using AiFeed.Storage;
using Quartz;

namespace AiFeed.Jobs;

/// <summary>
/// Where Quartz keeps the schedule. Beside LiteDB (one node) in memory; beside the PostgreSQL store
/// in Quartz's clustered ADO.NET job store on the same database, so every node shares one schedule:
/// a job fires on one node at a time, and a dead node's running job is taken over
/// (docs/decisions/0018-quartz-cluster.md).
/// </summary>
internal sealed record SchedulerStore(string? ConnectionString, TimeSpan CheckinInterval)
{
    /// <summary>The name every node shares: Quartz clusters the schedulers of one name in one database.</summary>
    public const string SchedulerName = "AiFeed";

    /// <summary>How far past its time a trigger may fire before its misfire instruction applies instead.</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(30);

    public bool Clustered => ConnectionString is not null;

    /// <summary>Read at registration, as Quartz builds its store then, before options resolve.</summary>
    public static SchedulerStore From(IConfiguration configuration, PollingOptions polling)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(polling);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        // Without a connection string the options validation at start stops the host and names the
        // setting; until then the in-memory store stands in.
        return storage.UsesPostgres && !string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new SchedulerStore(storage.ConnectionString, polling.ClusterCheckinInterval)
            : new SchedulerStore(null, polling.ClusterCheckinInterval);
    }

    public void Apply(IQuartzBuilder quartz)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        if (ConnectionString is null)
        {
            quartz.UseInMemoryStore(o => o.MisfireThreshold = MisfireThreshold);
            return;
        }

        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = SchedulerName;
            // One id per process (host name and a timestamp): a restarted node is a new member.
            o.GenerateInstanceId = true;
            // Wake to look for work as often as nodes check in, so a trigger freed from a dead node is
            // fired within a check-in or two rather than at the default 30 s idle wait.
            o.IdleWaitTime = CheckinInterval;
        });
        quartz.UsePersistentStore(store =>
        {
            // The tables come from our migration 0900_quartz.sql, applied when the store opens
            // (UseAiFeed), before any hosted service starts; Quartz only checks them.
            store.UsePostgres(ConnectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = CheckinInterval;
                c.CheckinMisfireThreshold = CheckinInterval;
            });
            store.ConfigureStore(o =>
            {
                o.TablePrefix = "qrtz_";
                o.SchemaProvisioning = SchemaProvisioning.Validate;
                o.MisfireThreshold = MisfireThreshold;
                // The dispatcher must never run on two nodes at once; acquiring under the lock keeps
                // [DisallowConcurrentExecution] exact across nodes.
                o.AcquireTriggersWithinLock = true;
                // A node stopped mid-poll hands the run to another node instead of dropping it.
                o.RecoverFiringsCancelledByShutdown = true;
            });
        });
    }
}
