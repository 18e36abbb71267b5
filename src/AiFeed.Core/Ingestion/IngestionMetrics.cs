using System.Diagnostics.Metrics;
using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Storage;

namespace AiFeed.Ingestion;

/// <summary>
/// The service's own instruments (System.Diagnostics.Metrics; the host chooses the exporter).
/// Created through IMeterFactory so each host (and each test host) has its own meter.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "AiFeed";

    private readonly Counter<long> polls;
    private readonly Counter<long> notModified;
    private readonly Counter<long> bytes;
    private readonly Counter<long> errors;
    private readonly Counter<long> newPosts;
    private readonly Counter<long> updatedPosts;
    private readonly Histogram<double> duration;

    public IngestionMetrics(IMeterFactory meters, ICatalogProvider catalog, ISourceStateStore states, IStoreLifecycle store)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = Meter = meters.Create(MeterName);
        polls = meter.CreateCounter<long>("aifeed.polls", "{poll}", "Source refreshes by result (ok, not_modified, fetch_error, parse_error)");
        notModified = meter.CreateCounter<long>("aifeed.fetch.not_modified", "{response}", "Conditional GETs answered 304 Not Modified");
        bytes = meter.CreateCounter<long>("aifeed.fetch.bytes", "By", "Response body bytes fetched");
        errors = meter.CreateCounter<long>("aifeed.errors", "{error}", "Refresh errors by stage (fetch, parse, scrape)");
        newPosts = meter.CreateCounter<long>("aifeed.posts.new", "{post}", "Posts stored for the first time");
        updatedPosts = meter.CreateCounter<long>("aifeed.posts.updated", "{post}", "Stored posts whose title or content changed");
        duration = meter.CreateHistogram<double>(
            "aifeed.poll.duration",
            "s",
            "Time to refresh one source: fetch, parse, process and store",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PollDurationBuckets });

        // Observed at scrape time from the store and the catalog in force, so a restart or an
        // operator's pause shows at once, without a poll in between.
        meter.CreateObservableGauge("aifeed.source.status", () => SourceStatuses(catalog, states), "{source}", "1 for each source's current status (ok, degraded, broken, disabled, paused, pending)");
        meter.CreateObservableGauge("aifeed.storage.size", () => store.SizeInBytes, "By", "Size of the stored data: the LiteDB data and log files, or the PostgreSQL database");
    }

    public Meter Meter { get; }

    /// <summary>Seconds: a 304 takes milliseconds, a slow server up to the request timeout.</summary>
    public static IReadOnlyList<double> PollDurationBuckets { get; } = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    internal void RecordFetch(FetchResult fetched)
    {
        bytes.Add(fetched.Bytes);
        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            notModified.Add(1);
        }
    }

    internal void RecordRefresh(RefreshReport report, TimeSpan elapsed)
    {
        var result = report.Outcome switch
        {
            RefreshOutcome.Ok => "ok",
            RefreshOutcome.NotModified => "not_modified",
            RefreshOutcome.FetchError => "fetch_error",
            RefreshOutcome.ScrapeBroken => "scrape_broken",
            _ => "parse_error",
        };
        polls.Add(1, new KeyValuePair<string, object?>("result", result));
        var stage = report.Outcome switch
        {
            RefreshOutcome.FetchError => "fetch",
            RefreshOutcome.ParseError => "parse",
            RefreshOutcome.ScrapeBroken => "scrape",
            _ => null,
        };
        if (stage is not null)
        {
            errors.Add(1, new KeyValuePair<string, object?>("stage", stage));
        }

        newPosts.Add(report.NewPosts);
        updatedPosts.Add(report.UpdatedPosts);
        duration.Record(elapsed.TotalSeconds);
    }

    private static IEnumerable<Measurement<int>> SourceStatuses(ICatalogProvider catalog, ISourceStateStore states)
    {
        // The LiteDB store completes synchronously; a scrape reads a few dozen small documents.
        var byId = states.GetAllAsync(CancellationToken.None).GetAwaiter().GetResult()
            .ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        foreach (var source in catalog.Current.Sources)
        {
            var status = NextCheck.StatusOf(source, byId.GetValueOrDefault(source.Id)).ToString().ToLowerInvariant();
            yield return new Measurement<int>(1, new KeyValuePair<string, object?>("source", source.Id), new KeyValuePair<string, object?>("status", status));
        }
    }
}
