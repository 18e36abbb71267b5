using System.Collections.Concurrent;
using System.Diagnostics;
using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion;

/// <summary>
/// Picks the sources to refresh and runs them with bounded concurrency, globally and per host.
/// One bad source is logged and recorded in its state; it never stops the run.
/// </summary>
public sealed partial class SourcePoller(
    ICatalogProvider catalog,
    FeedRefresher refresher,
    ISourceStateStore states,
    IPostStore posts,
    IStoreLifecycle store,
    TimeProvider time,
    IOptionsMonitor<PollingOptions> polling,
    ILogger<SourcePoller> logger)
{
    /// <summary>When the last run finished, and how; read by the health check.</summary>
    // The last story count, -1 before the first run; read and written atomically (the job and an
    // admin poll may run at once).
    private long storedStories = -1;

    // 0 until the first PollDueAsync of this process.
    private int dispatched;

    // One per process: the catalog's per-host limit also holds when an admin poll overlaps the scheduled one.
    private readonly HostGates hostGates = new();

    /// <summary>Largest LiteDB log a run leaves behind when it stored no post.</summary>
    public const long MaxLogBytes = 1024 * 1024;

    public PollSummary? LastRun { get; private set; }

    public DateTimeOffset? LastRunAt { get; private set; }

    /// <summary>
    /// Refreshes the enabled sources whose next check has come; the first run after a start also
    /// those that never succeeded, whatever their backoff (a start without network, then a restart with it).
    /// </summary>
    public async Task<PollSummary> PollDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var firstRun = Interlocked.Exchange(ref dispatched, 1) == 0;
        var stored = await states.GetAllAsync(cancellationToken);
        var known = stored.ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        var due = catalog.Current.Sources
            .Where(s => s.Enabled && (!known.TryGetValue(s.Id, out var state) || (!state.Paused && IsDue(state, now, firstRun))))
            .ToList();
        return await PollAsync(due, stored, cancellationToken);
    }

    private static bool IsDue(SourceState state, DateTime now, bool firstRun) =>
        state.NextCheckAt is null || state.NextCheckAt <= now || (firstRun && state.LastSuccessAt is null);

    /// <summary>Refreshes every enabled source now (or the one named), due or not; paused sources only when named.</summary>
    public async Task<PollSummary> PollNowAsync(string? sourceId, CancellationToken cancellationToken)
    {
        var stored = await states.GetAllAsync(cancellationToken);
        var paused = sourceId is null
            ? stored.Where(s => s.Paused).Select(s => s.SourceId).ToHashSet(StringComparer.Ordinal)
            : [];
        var sources = catalog.Current.Sources
            .Where(s => s.Enabled && !paused.Contains(s.Id) && (sourceId is null || string.Equals(s.Id, sourceId, StringComparison.Ordinal)))
            .ToList();
        return await PollAsync(sources, stored, cancellationToken);
    }

    private async Task<PollSummary> PollAsync(IReadOnlyList<SourceDefinition> sources, IReadOnlyList<SourceState> stored, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var batch = new SourceStateBatch(states, stored);
        var defaults = catalog.Current.Defaults;
        var reports = new ConcurrentBag<RefreshReport>();
        var ordered = InterleaveHosts(sources);
        // LiteDB: a one-shot poll's index opens beside the first fetches, not in the first lookup's way (decision 0081).
        store.BeforePollRun();
        try
        {
            await RefreshAllAsync(ordered, defaults, batch, reports, cancellationToken);
        }
        finally
        {
            // Even a cancelled run keeps what its finished refreshes learned (validators, errors).
            await batch.FlushAsync(CancellationToken.None);
        }

        // LiteDB: commit the search index once per run, and keep the log from growing while readers
        // hold snapshots (LiteDB#2814): past 1 MB, so a run that only recorded source states (every
        // feed a 304) leaves its pages for later.
        store.AfterPollRun(MaxLogBytes);
        // Counting stories walks an index (~55 ms at 10k). Only new stories change the count (no
        // path deletes posts, and this process alone owns the data folder), so a run that stored
        // none reuses the last count.
        var stories = Interlocked.Read(ref storedStories);
        if (stories < 0 || reports.Any(r => r.NewPosts > 0))
        {
            stories = await posts.CountAsync(new PostQuery(), cancellationToken);
            Interlocked.Exchange(ref storedStories, stories);
        }

        var summary = PollSummary.From(reports, stories, Stopwatch.GetElapsedTime(started));
        LastRun = summary;
        LastRunAt = time.GetUtcNow();
        if (summary.Sources > 0)
        {
            Log.RunFinished(logger, summary.Sources, summary.Ok, summary.NotModified, summary.FetchErrors + summary.ParseErrors, summary.NewPosts, summary.ElapsedSeconds);
        }
        else
        {
            // Most dispatches find nothing due; at Information that was a line every 30 s.
            Log.NothingDue(logger);
        }
        return summary;
    }

    // Hosts take turns (each host's first source, then each one's second, …) so one host's queue does
    // not hold every global slot while it waits on its own gate. A loop rather than LINQ over
    // (source, rank) tuples: a one-shot poll JIT-compiles every generic instantiation over a value
    // type it meets (decision 0074).
    internal static List<SourceDefinition> InterleaveHosts(IReadOnlyList<SourceDefinition> sources)
    {
        var byHost = sources.GroupBy(HostOf, StringComparer.OrdinalIgnoreCase).Select(g => g.ToList()).ToList();
        var ordered = new List<SourceDefinition>(sources.Count);
        for (var rank = 0; ordered.Count < sources.Count; rank++)
        {
            foreach (var host in byHost)
            {
                if (rank < host.Count)
                {
                    ordered.Add(host[rank]);
                }
            }
        }

        return ordered;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Refreshing {SourceId} failed unexpectedly")]
        public static partial void RefreshCrashed(ILogger logger, Exception exception, string sourceId);

        [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Poll run: no source was due")]
        public static partial void NothingDue(ILogger logger);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Poll run: {Sources} sources, {Ok} ok, {NotModified} not modified, {Errors} errors, {NewPosts} new posts in {Elapsed} s")]
        public static partial void RunFinished(ILogger logger, int sources, int ok, int notModified, int errors, int newPosts, double elapsed);
    }
}
