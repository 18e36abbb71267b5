using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Scraping;
using AiFeed.Model;
using Microsoft.Extensions.Logging;

namespace AiFeed.Ingestion.Reading;

/// <summary>
/// Decides how a source is read this time and keeps the state that decision needs:
/// <list type="bullet">
/// <item>a configured <c>url</c> is read as a feed; when it is gone (404/410), serves HTML or does not
/// parse, and the source has a <c>site</c>, the site stands in for this poll (<see cref="ReadVia.Fallback"/>):
/// its scrape rules, or else the feed it advertises;</item>
/// <item>a source with only a <c>site</c> reads the feed the site advertises (found once, remembered
/// until it fails), and when the site advertises none, its scrape rules.</item>
/// </list>
/// </summary>
public sealed partial class SourceReader(FeedFetcher fetcher, FeedReader feeds, ListingScraper listings, PageScraper scraper, ILogger<SourceReader> logger)
{
    public async Task<ReadResult> ReadAsync(SourceDefinition source, CatalogDefaults defaults, SourceState state, CancellationToken cancellationToken)
    {
        var site = Uri.TryCreate(source.Site, UriKind.Absolute, out var s) ? s : null;
        if (!Uri.TryCreate(state.FeedUrl, UriKind.Absolute, out var url))
        {
            return site is null
                ? ReadResult.Failed(ReadVia.Feed, "this source has no feed url")
                : await ReadSiteAsync(source, site, state, defaults, failedFeed: null, cancellationToken);
        }

        var read = await ReadFeedAsync(url, ReadVia.Feed, state, defaults, cancellationToken);
        if (read.Kind != ReadKind.Failed || !read.CanFallBack || site is null)
        {
            return read;
        }

        var reason = $"the feed failed: {read.Error}";
        Log.FallingBack(logger, source.Id, url, read.Error!);
        var fallback = await ReadSiteAsync(source, site, state, defaults, failedFeed: url, cancellationToken);
        return fallback.Kind == ReadKind.Failed
            ? fallback with { Error = $"{reason}; the site did not stand in: {fallback.Error}", ParseFailed = read.ParseFailed, FallbackReason = reason }
            : fallback with { FallbackReason = reason };
    }

    private async Task<ReadResult> ReadSiteAsync(SourceDefinition source, Uri site, SourceState state, CatalogDefaults defaults, Uri? failedFeed, CancellationToken cancellationToken)
    {
        var fallback = failedFeed is not null;
        var via = fallback ? ReadVia.Fallback : ReadVia.Scrape;
        if (!fallback && Uri.TryCreate(state.DiscoveredFeedUrl, UriKind.Absolute, out var known))
        {
            var read = await ReadFeedAsync(known, ReadVia.Discovered, state, defaults, cancellationToken);
            if (read.Kind != ReadKind.Failed || !read.CanFallBack)
            {
                return read;
            }

            // The advertised feed went away: look at the site again.
            Log.DiscoveredFeedGone(logger, source.Id, known, read.Error!);
            Forget(state);
        }

        var rule = source.Scrape;
        var page = await fetcher.FetchAsync(
            new FetchRequest(site, rule is null ? null : state.PageETag, rule is null ? null : state.PageLastModified, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
            cancellationToken);
        if (page.Outcome == FetchOutcome.NotModified)
        {
            return new ReadResult { Kind = ReadKind.NotModified, Via = via, Fetch = page };
        }

        if (page.Outcome != FetchOutcome.Ok)
        {
            return ReadResult.Failed(via, $"the site {site} failed: {page.Error}", page);
        }

        // A site that answers with a feed (an operator who put the feed under "site") is that feed, as in Miniflux.
        if (!fallback && !IsHtml(page.ContentType) && feeds.Parse(page, ReadVia.Discovered) is { Kind: ReadKind.Items } direct)
        {
            Log.Discovered(logger, source.Id, page.FinalUrl);
            Forget(state);
            state.DiscoveredFeedUrl = page.FinalUrl.AbsoluteUri;
            state.ETag = page.ETag;
            state.LastModified = page.LastModified;
            return direct;
        }

        // Operator-written rules are the better stand-in for a failed feed than whatever the site advertises;
        // for a source without a feed, the site's own feed comes first (it is what the site means to be read by).
        if (!fallback || rule is null)
        {
            var advertised = await scraper.DiscoverAsync(page.Body, page.FinalUrl, page.ContentType, cancellationToken);
            if (advertised.FirstOrDefault(f => f.Url != failedFeed) is { } feed)
            {
                var read = await ReadDiscoveredAsync(source, feed.Url, state, defaults, fallback, cancellationToken);
                if (read.Kind != ReadKind.Failed || rule is null)
                {
                    return read;
                }
            }
        }

        if (rule is null)
        {
            return ReadResult.Failed(via, $"the site {site} advertises no feed and the source has no scrape rules", page);
        }

        var scraped = await listings.ScrapeAsync(page, rule, state.LastScrapeCount, via, defaults, cancellationToken);
        if (scraped.Kind == ReadKind.Items)
        {
            state.PageETag = page.ETag;
            state.PageLastModified = page.LastModified;
            state.LastScrapeCount = scraped.ScrapeCount;
        }
        else
        {
            // Until the rules work again the page is fetched whole: a 304 must not turn a broken source back to "ok".
            state.PageETag = null;
            state.PageLastModified = null;
        }

        return scraped;
    }

    private async Task<ReadResult> ReadDiscoveredAsync(SourceDefinition source, Uri feed, SourceState state, CatalogDefaults defaults, bool fallback, CancellationToken cancellationToken)
    {
        Log.Discovered(logger, source.Id, feed);
        if (fallback)
        {
            // For this poll only: the configured url stays the source's feed.
            var stand = await feeds.ReadAsync(feed, null, null, ReadVia.Fallback, defaults, cancellationToken);
            return stand.Kind == ReadKind.Failed ? stand with { Error = $"the feed {feed} the site advertises failed: {stand.Error}" } : stand;
        }

        Forget(state);
        var read = await ReadFeedAsync(feed, ReadVia.Discovered, state, defaults, cancellationToken);
        if (read.Kind == ReadKind.Failed)
        {
            return read with { Error = $"the feed {feed} the site advertises failed: {read.Error}" };
        }

        state.DiscoveredFeedUrl = feed.AbsoluteUri;
        return read;
    }

    // A feed read with the feed validators; they, and a permanent move, are kept for the next poll.
    private async Task<ReadResult> ReadFeedAsync(Uri url, string via, SourceState state, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var read = await feeds.ReadAsync(url, state.ETag, state.LastModified, via, defaults, cancellationToken);
        if (read.Fetch?.PermanentlyMovedTo is { } moved)
        {
            Log.Moved(logger, state.SourceId, url, moved);
            if (via == ReadVia.Feed)
            {
                state.FeedUrl = moved.AbsoluteUri;
            }
            else
            {
                state.DiscoveredFeedUrl = moved.AbsoluteUri;
            }
        }

        if (read.Kind == ReadKind.Items)
        {
            // A response without validators clears the old ones: sending stale ones back helps nobody.
            state.ETag = read.Fetch!.ETag;
            state.LastModified = read.Fetch.LastModified;
        }

        return read;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is null || contentType.Contains("html", StringComparison.OrdinalIgnoreCase);

    private static void Forget(SourceState state)
    {
        state.DiscoveredFeedUrl = null;
        state.ETag = null;
        state.LastModified = null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Source {SourceId} moved permanently from {Url} to {NewUrl}")]
        public static partial void Moved(ILogger logger, string sourceId, Uri url, Uri newUrl);

        [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Source {SourceId}: the feed {Url} failed ({Error}); reading the site instead for this poll")]
        public static partial void FallingBack(ILogger logger, string sourceId, Uri url, string error);

        [LoggerMessage(EventId = 212, Level = LogLevel.Information, Message = "Source {SourceId}: the site advertises the feed {Url}")]
        public static partial void Discovered(ILogger logger, string sourceId, Uri url);

        [LoggerMessage(EventId = 213, Level = LogLevel.Information, Message = "Source {SourceId}: the discovered feed {Url} failed ({Error}); looking at the site again")]
        public static partial void DiscoveredFeedGone(ILogger logger, string sourceId, Uri url, string error);
    }
}
