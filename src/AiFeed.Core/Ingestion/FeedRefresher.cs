using System.Diagnostics;
using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Parsing;
using AiFeed.Ingestion.Processing;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion;

/// <summary>One source, once: fetch → parse → process → store, then record the source's state and next check.</summary>
public sealed partial class FeedRefresher(
    FeedFetcher fetcher,
    FeedParser parser,
    PostProcessor processor,
    ISourceStateStore states,
    IngestionMetrics metrics,
    IOptionsMonitor<PollingOptions> polling,
    TimeProvider time,
    ILogger<FeedRefresher> logger)
{
    public static readonly ActivitySource ActivitySource = new("AiFeed.Ingestion");

    public async Task<RefreshReport> RefreshAsync(SourceDefinition source, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ActivitySource.StartActivity("refresh source");
        activity?.SetTag("aifeed.source", source.Id);
        var state = await states.GetAsync(source.Id, cancellationToken) ?? new SourceState { SourceId = source.Id };
        if (!string.Equals(state.ConfiguredUrl, source.Url, StringComparison.Ordinal))
        {
            // The operator changed the URL: forget redirects and validators of the old one.
            state.ConfiguredUrl = source.Url;
            state.FeedUrl = source.Url;
            state.ETag = null;
            state.LastModified = null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        state.LastPollAt = now;
        var interval = NextCheck.IntervalOf(source, defaults, polling.CurrentValue.IntervalOverride);
        RefreshReport report;
        if (state.FeedUrl is null || !Uri.TryCreate(state.FeedUrl, UriKind.Absolute, out var url))
        {
            report = Fail(state, source, now, interval, defaults, RefreshOutcome.FetchError, "this source has no feed url", null);
        }
        else
        {
            report = await FetchAndStoreAsync(source, defaults, state, url, now, interval, cancellationToken);
        }

        // An operator may have paused the source while it was being fetched: that choice stands.
        if (await states.GetAsync(source.Id, cancellationToken) is { } latest)
        {
            state.Paused = latest.Paused;
            state.PausedAt = latest.PausedAt;
        }

        await states.SaveAsync(state, cancellationToken);
        metrics.RecordRefresh(report, Stopwatch.GetElapsedTime(started));
        return report;
    }

    private async Task<RefreshReport> FetchAndStoreAsync(SourceDefinition source, CatalogDefaults defaults, SourceState state, Uri url, DateTime now, TimeSpan interval, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(
            new FetchRequest(url, state.ETag, state.LastModified, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
            cancellationToken);
        metrics.RecordFetch(fetched);
        state.LastStatusCode = fetched.StatusCode;
        state.LastBytes = fetched.Bytes;
        state.LastDurationMs = fetched.Duration.TotalMilliseconds;
        Log.Fetched(logger, source.Id, fetched.FinalUrl, fetched.StatusCode ?? 0, fetched.Duration.TotalMilliseconds, fetched.Bytes);
        if (fetched.PermanentlyMovedTo is { } moved)
        {
            Log.Moved(logger, source.Id, url, moved);
            state.FeedUrl = moved.AbsoluteUri;
        }

        switch (fetched.Outcome)
        {
            case FetchOutcome.NotModified:
                Succeed(state, now, interval, fetched, "not-modified", state.LastItemCount);
                return new RefreshReport(source.Id, RefreshOutcome.NotModified);
            case FetchOutcome.HttpError or FetchOutcome.Failed:
                return Fail(state, source, now, interval, defaults, RefreshOutcome.FetchError, fetched.Error ?? "the request failed", fetched.RetryAfter);
        }

        ParsedFeed feed;
        try
        {
            feed = parser.Parse(fetched.Body, fetched.FinalUrl, fetched.Charset);
        }
        catch (FeedParseException ex)
        {
            return Fail(state, source, now, interval, defaults, RefreshOutcome.ParseError, ex.Message, null);
        }

        var result = await processor.ProcessAsync(source, feed.Items, defaults.MaxItemsPerFeed, cancellationToken);
        Succeed(state, now, interval, fetched, "feed", feed.Items.Count, feed.Ttl);
        Log.Stored(logger, source.Id, feed.Items.Count, result.NewPosts, result.UpdatedPosts);
        return new RefreshReport(source.Id, RefreshOutcome.Ok, feed.Items.Count, result.NewPosts, result.UpdatedPosts);
    }

    private static void Succeed(SourceState state, DateTime now, TimeSpan interval, FetchResult fetched, string outcome, int items, TimeSpan? ttl = null)
    {
        state.LastSuccessAt = now;
        state.ConsecutiveErrors = 0;
        state.LastError = null;
        state.LastOutcome = outcome;
        state.LastItemCount = items;
        if (fetched.Outcome == FetchOutcome.Ok)
        {
            // A response without validators clears the old ones: sending stale ones back helps nobody.
            state.ETag = fetched.ETag;
            state.LastModified = fetched.LastModified;
        }

        state.NextCheckAt = NextCheck.AfterSuccess(now, interval, ttl, fetched.MaxAge, fetched.RetryAfter);
    }

    private RefreshReport Fail(SourceState state, SourceDefinition source, DateTime now, TimeSpan interval, CatalogDefaults defaults, RefreshOutcome outcome, string error, TimeSpan? retryAfter)
    {
        state.ConsecutiveErrors++;
        state.LastError = error;
        state.LastOutcome = outcome == RefreshOutcome.ParseError ? "parse-error" : "fetch-error";
        state.NextCheckAt = NextCheck.AfterError(now, interval, state.ConsecutiveErrors, defaults.MaxBackoff, retryAfter, Random.Shared.NextDouble());
        Log.Failed(logger, source.Id, state.FeedUrl, state.LastStatusCode ?? 0, error, state.ConsecutiveErrors, state.NextCheckAt.Value);
        return new RefreshReport(source.Id, outcome, Error: error);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Fetched {SourceId} from {Url}: {Status} in {Duration} ms, {Bytes} bytes")]
        public static partial void Fetched(ILogger logger, string sourceId, Uri url, int status, double duration, long bytes);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Source {SourceId} moved permanently from {Url} to {NewUrl}")]
        public static partial void Moved(ILogger logger, string sourceId, Uri url, Uri newUrl);

        [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Source {SourceId}: {Items} items, {NewPosts} new, {UpdatedPosts} updated")]
        public static partial void Stored(ILogger logger, string sourceId, int items, int newPosts, int updatedPosts);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Source {SourceId} at {Url} failed ({Status}): {Error}; {ConsecutiveErrors} in a row, next check {NextCheckAt:o}")]
        public static partial void Failed(ILogger logger, string sourceId, string? url, int status, string error, int consecutiveErrors, DateTime nextCheckAt);
    }
}
