using System.Diagnostics;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Reading;
using AiFeed.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion;

/// <summary>
/// One source, once: read (feed, discovered feed, scrape rules, generic reader or fallback; see
/// SourceReader) → the source's title clean-up → process → store, then record the source's state,
/// the read's attempts and the next check.
/// </summary>
public sealed partial class FeedRefresher(
    SourceReader reader,
    PostProcessor processor,
    IngestionMetrics metrics,
    IOptionsMonitor<PollingOptions> polling,
    TimeProvider time,
    ILogger<FeedRefresher> logger)
{
    public static readonly ActivitySource ActivitySource = new("AiFeed.Ingestion");

    internal async Task<RefreshReport> RefreshAsync(SourceDefinition source, CatalogDefaults defaults, SourceStateBatch states, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(source, defaults, states, cancellationToken);
        return await StoreAsync(read, states, stored: null, cancellationToken);
    }

    /// <summary>
    /// The refresh's requests: the source read and parsed, its state told what the read learned. What
    /// is read is stored by <see cref="StoreAsync"/>, which the poller runs without holding the source's
    /// place among the requests.
    /// </summary>
    internal async Task<SourceRead> ReadAsync(SourceDefinition source, CatalogDefaults defaults, SourceStateBatch states, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var activity = ActivitySource.StartActivity("refresh source");
        activity?.SetTag("aifeed.source", source.Id);
        try
        {
            var state = states.Get(source.Id);
            SourceStateReset.ApplyCatalogChanges(source, state);

            var now = time.GetUtcNow().UtcDateTime;
            state.LastPollAt = now;
            var interval = NextCheck.IntervalOf(source, defaults, polling.CurrentValue.IntervalOverride);
            var read = await reader.ReadAsync(source, defaults, state, cancellationToken);
            // An open circuit sent nothing: the account of the last request stays as it was.
            if (read.Fetch is { CircuitOpen: false } fetched)
            {
                metrics.RecordFetch(fetched);
                state.LastStatusCode = fetched.StatusCode;
                state.LastBytes = fetched.Bytes;
                state.LastDurationMs = fetched.Duration.TotalMilliseconds;
                Log.Fetched(logger, source.Id, fetched.FinalUrl, fetched.StatusCode ?? 0, fetched.Duration.TotalMilliseconds, fetched.Bytes);
            }

            state.ReadVia = read.Via;
            state.FallbackReason = read.FallbackReason;
            state.Attempts = new ValueList<ReadAttempt>(read.Attempts);
            return new SourceRead(source, defaults, state, read, now, interval, started, activity);
        }
        catch
        {
            // On success the span ends with the store (StoreAsync).
            activity?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The rest of a refresh: what was read processed and stored, then the source's state recorded
    /// (only once its posts are stored, so a state never says a feed was read whose posts are not).
    /// </summary>
    /// <param name="stored">Called by the store's writer once the read's posts are stored (see PostProcessor).</param>
    internal async Task<RefreshReport> StoreAsync(SourceRead pending, SourceStateBatch states, Action? stored, CancellationToken cancellationToken)
    {
        using var activity = pending.Activity;
        // The store runs on a flow of its own: what it logs and traces belongs to the refresh's span.
        if (activity is not null)
        {
            Activity.Current = activity;
        }

        var (source, defaults, state, read, now, interval) = (pending.Source, pending.Defaults, pending.State, pending.Read, pending.Now, pending.Interval);
        RefreshReport report;
        switch (read.Kind)
        {
            case ReadKind.Items:
                // A stand-in (the site for a failed feed, the generic reader for broken rules) adds the posts it
                // finds; those the configured read stored keep what it read (a feed's full text, a rule's teaser).
                var standIn = read.FallbackReason is not null;
                var result = await processor.ProcessAsync(source, TitleCleanup.Apply(source, pending.TakeItems()), defaults.MaxItemsPerFeed, replaceStored: !standIn, firstPoll: state.LastSuccessAt is null, stored, cancellationToken);
                Succeed(state, now, interval, read, read.Via, pending.ItemCount);
                state.LastWarning = read.Warning;
                Log.Stored(logger, source.Id, read.Via, pending.ItemCount, result.NewPosts, result.UpdatedPosts);
                if (read.Warning is { } warning)
                {
                    Log.ReadWithWarning(logger, source.Id, warning);
                }

                report = new RefreshReport(source.Id, RefreshOutcome.Ok, pending.ItemCount, result.NewPosts, result.UpdatedPosts);
                break;
            case ReadKind.NotModified:
                Succeed(state, now, interval, read, "not-modified", state.LastItemCount);
                report = new RefreshReport(source.Id, RefreshOutcome.NotModified);
                break;
            case ReadKind.Broken:
                report = Break(state, source, now, interval, read);
                break;
            default:
                report = Fail(state, source, now, interval, defaults, read);
                break;
        }

        // Saved with the run's other states; an operator's pause meanwhile stands (SaveRefreshedAsync).
        await states.RecordAsync(state, cancellationToken);
        metrics.RecordRefresh(report, Stopwatch.GetElapsedTime(pending.Started));
        return report;
    }

    /// <summary>
    /// Records a refresh that threw (a bug, or a store error) like any failure: the error, one more
    /// in a row and a backoff, so the source is not fetched again at every dispatch meanwhile.
    /// </summary>
    internal async Task<RefreshReport> RecordCrashAsync(SourceDefinition source, CatalogDefaults defaults, SourceStateBatch states, Exception exception, CancellationToken cancellationToken)
    {
        var state = states.Get(source.Id);
        // The read may have set the validators of what it fetched before storing it failed: kept,
        // they would turn the next request into a 304 and the posts it carried would never be
        // stored. The next refresh asks for the feed and the site's page whole instead.
        state.ETag = null;
        state.LastModified = null;
        state.PageETag = null;
        state.PageLastModified = null;
        var now = time.GetUtcNow().UtcDateTime;
        var interval = NextCheck.IntervalOf(source, defaults, polling.CurrentValue.IntervalOverride);
        state.LastPollAt = now;
        var report = Fail(state, source, now, interval, defaults, ReadResult.Failed(ReadVia.Feed, $"refreshing failed unexpectedly: {exception.Message}"));
        state.LastOutcome = "error";
        await states.RecordAsync(state, cancellationToken);
        return report;
    }

    private static void Succeed(SourceState state, DateTime now, TimeSpan interval, ReadResult read, string outcome, int items)
    {
        state.LastSuccessAt = now;
        state.ConsecutiveErrors = 0;
        state.LastError = null;
        state.LastOutcome = outcome;
        state.LastItemCount = items;
        state.NextCheckAt = NextCheck.AfterSuccess(now, interval, read.Ttl, read.Fetch?.MaxAge, read.Fetch?.RetryAfter);
    }

    // The site answered but the rules found nothing trustworthy: nothing is stored, the source shows
    // degraded with the reason, and it is checked again at its usual pace (the site is healthy; what
    // fixes it is a markup revert or a rule edit, not a slower poll).
    private RefreshReport Break(SourceState state, SourceDefinition source, DateTime now, TimeSpan interval, ReadResult read)
    {
        state.ConsecutiveErrors++;
        state.LastError = read.Error;
        state.LastOutcome = "scrape-broken";
        state.NextCheckAt = NextCheck.AfterSuccess(now, interval, read.Fetch?.RetryAfter);
        Log.Broken(logger, source.Id, read.Fetch?.FinalUrl, read.Error!, state.ConsecutiveErrors);
        return new RefreshReport(source.Id, RefreshOutcome.ScrapeBroken, Error: read.Error);
    }

    private RefreshReport Fail(SourceState state, SourceDefinition source, DateTime now, TimeSpan interval, CatalogDefaults defaults, ReadResult read)
    {
        var error = read.Error ?? "the request failed";
        if (read.Fetch is { CircuitOpen: true } && state.LastError is { } own && state.ConsecutiveErrors > 0)
        {
            // Nothing was sent: what the feed itself last answered stays the error to show.
            error = own.EndsWith(PausedNote, StringComparison.Ordinal) ? own : own + PausedNote;
        }

        var outcome = read.ParseFailed ? RefreshOutcome.ParseError : RefreshOutcome.FetchError;
        state.ConsecutiveErrors++;
        state.LastError = error;
        state.LastOutcome = read.ParseFailed ? "parse-error" : "fetch-error";
        // A 429 without Retry-After still asks for fewer requests: no sooner than the interval.
        var retryAfter = read.Fetch?.RetryAfter ?? (state.LastStatusCode == 429 ? interval : null);
        state.NextCheckAt = NextCheck.AfterError(now, interval, state.ConsecutiveErrors, defaults.MaxBackoff, retryAfter, Random.Shared.NextDouble());
        Log.Failed(logger, source.Id, read.Fetch?.FinalUrl.AbsoluteUri ?? state.FeedUrl ?? source.Site, state.LastStatusCode ?? 0, error, state.ConsecutiveErrors, state.NextCheckAt.Value);
        return new RefreshReport(source.Id, outcome, Error: error);
    }

    /// <summary>
    /// A source read by <see cref="ReadAsync"/>, waiting to be stored by <see cref="StoreAsync"/>. Its
    /// items are kept apart from the rest of the read and handed on once (<see cref="TakeItems"/>):
    /// the posts built from them wait for the single writer, and the raw items (their HTML as the
    /// feed sent it) would otherwise wait with them, for every source read and not yet stored
    /// (decision 0078).
    /// </summary>
    internal sealed class SourceRead(SourceDefinition source, CatalogDefaults defaults, SourceState state, ReadResult read, DateTime now, TimeSpan interval, long started, Activity? activity)
    {
        private IReadOnlyList<FeedItem>? items = read.Items;

        public SourceDefinition Source { get; } = source;

        public CatalogDefaults Defaults { get; } = defaults;

        public SourceState State { get; } = state;

        /// <summary>What was read, without its items (<see cref="ItemCount"/>, <see cref="TakeItems"/>).</summary>
        public ReadResult Read { get; } = read with { Items = [] };

        public int ItemCount { get; } = read.Items.Count;

        public DateTime Now { get; } = now;

        public TimeSpan Interval { get; } = interval;

        public long Started { get; } = started;

        public Activity? Activity { get; } = activity;

        /// <summary>The items read, for the one caller that builds posts from them; this read keeps none.</summary>
        public IReadOnlyList<FeedItem> TakeItems() =>
            Interlocked.Exchange(ref items, null) ?? throw new InvalidOperationException($"The items read from '{Source.Id}' were taken already.");
    }

    private const string PausedNote = "; requests to this feed are paused for a while after repeated failures";

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Fetched {SourceId} from {Url}: {Status} in {Duration} ms, {Bytes} bytes")]
        public static partial void Fetched(ILogger logger, string sourceId, Uri url, int status, double duration, long bytes);

        [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Source {SourceId} read via {ReadVia}: {Items} items, {NewPosts} new, {UpdatedPosts} updated")]
        public static partial void Stored(ILogger logger, string sourceId, string readVia, int items, int newPosts, int updatedPosts);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Source {SourceId} at {Url} failed ({Status}): {Error}; {ConsecutiveErrors} in a row, next check {NextCheckAt:o}")]
        public static partial void Failed(ILogger logger, string sourceId, string? url, int status, string error, int consecutiveErrors, DateTime nextCheckAt);

        [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Source {SourceId} was read with a warning: {Warning}")]
        public static partial void ReadWithWarning(ILogger logger, string sourceId, string warning);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Source {SourceId} at {Url}: scrape rules broke ({Error}); stored posts kept, {ConsecutiveErrors} in a row")]
        public static partial void Broken(ILogger logger, string sourceId, Uri? url, string error, int consecutiveErrors);
    }
}
