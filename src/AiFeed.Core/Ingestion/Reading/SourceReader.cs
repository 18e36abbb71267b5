using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Scraping;
using AiFeed.Model;
using Microsoft.Extensions.Logging;

namespace AiFeed.Ingestion.Reading;

/// <summary>
/// Decides how a source is read this time, keeps the state that decision needs and lists every
/// attempt it made (<see cref="ReadResult.Attempts"/>):
/// <list type="bullet">
/// <item>a configured <c>url</c> is read as a feed; when it is gone (404/410), serves HTML or does not
/// parse, and the source has a <c>site</c>, the site stands in for this poll: its scrape rules, else
/// the feed it advertises, else the generic listing reader;</item>
/// <item>a source with only a <c>site</c> reads the feed the site advertises (found once, remembered
/// until it fails), else its scrape rules, else the generic listing reader;</item>
/// <item>rules that break (the breakage guard) hand the page to the generic listing reader, which
/// keeps the source read (<see cref="ReadVia.Generic"/>, with the rules' reason) until they work again.</item>
/// </list>
/// </summary>
public sealed partial class SourceReader(FeedFetcher fetcher, FeedReader feeds, ListingScraper listings, PageScraper scraper, GenericReader generic, ILogger<SourceReader> logger)
{
    public async Task<ReadResult> ReadAsync(SourceDefinition source, CatalogDefaults defaults, SourceState state, CancellationToken cancellationToken)
    {
        var attempts = new List<ReadAttempt>();
        var read = await ReadSourceAsync(source, defaults, state, attempts, cancellationToken);
        if (attempts.LastOrDefault() is not { Step: ReadAttemptStep.Rule or ReadAttemptStep.Generic or ReadAttemptStep.Page })
        {
            // The page's validators describe the page as the rules or the generic reader last read it; another read path forgets them.
            state.PageETag = null;
            state.PageLastModified = null;
        }

        return read with { Attempts = attempts };
    }

    private async Task<ReadResult> ReadSourceAsync(SourceDefinition source, CatalogDefaults defaults, SourceState state, List<ReadAttempt> attempts, CancellationToken cancellationToken)
    {
        var site = Uri.TryCreate(source.Site, UriKind.Absolute, out var s) ? s : null;
        if (!Uri.TryCreate(state.FeedUrl, UriKind.Absolute, out var url))
        {
            return site is null
                ? ReadResult.Failed(ReadVia.Feed, "this source has no feed url")
                : await ReadSiteAsync(source, site, state, defaults, failedFeed: null, attempts, cancellationToken);
        }

        var read = await ReadFeedAsync(url, ReadVia.Feed, state, defaults, cancellationToken);
        attempts.Add(Attempt(ReadAttemptStep.Feed, url, read));
        if (read.Kind != ReadKind.Failed || !read.CanFallBack || site is null)
        {
            return read;
        }

        var reason = $"the feed failed: {read.Error}";
        Log.FallingBack(logger, source.Id, url, read.Error!);
        var fallback = await ReadSiteAsync(source, site, state, defaults, failedFeed: url, attempts, cancellationToken);
        return fallback.Kind switch
        {
            ReadKind.Failed or ReadKind.Broken => fallback with { Error = $"{reason}; the site did not stand in: {fallback.Error}", ParseFailed = read.ParseFailed, FallbackReason = reason },
            // An unchanged page stands in as it did the last time, for the reason given then.
            ReadKind.NotModified => fallback,
            _ => fallback with { FallbackReason = fallback.FallbackReason is { } more ? $"{reason}; {more}" : reason },
        };
    }

    private async Task<ReadResult> ReadSiteAsync(SourceDefinition source, Uri site, SourceState state, CatalogDefaults defaults, Uri? failedFeed, List<ReadAttempt> attempts, CancellationToken cancellationToken)
    {
        var fallback = failedFeed is not null;
        var rule = source.Scrape;
        var via = fallback ? ReadVia.Fallback : rule is null ? ReadVia.Generic : ReadVia.Scrape;
        if (!fallback && Uri.TryCreate(state.DiscoveredFeedUrl, UriKind.Absolute, out var known))
        {
            var remembered = await ReadFeedAsync(known, ReadVia.Discovered, state, defaults, cancellationToken);
            attempts.Add(Attempt(ReadAttemptStep.Discovered, known, remembered));
            if (remembered.Kind != ReadKind.Failed || !remembered.CanFallBack)
            {
                return remembered;
            }

            // The advertised feed went away: look at the site again.
            Log.DiscoveredFeedGone(logger, source.Id, known, remembered.Error!);
            Forget(state);
        }

        var page = await fetcher.FetchAsync(
            new FetchRequest(site, state.PageETag, state.PageLastModified, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
            cancellationToken);
        if (page.Outcome == FetchOutcome.NotModified)
        {
            // Validators are kept only while the rules or the generic reader read the page: it reads as it did then.
            attempts.Add(new ReadAttempt { Step = ReadAttemptStep.Page, Url = site.AbsoluteUri, Outcome = ReadAttemptOutcome.NotModified });
            return new ReadResult { Kind = ReadKind.NotModified, Via = state.ReadVia ?? via, Fetch = page, FallbackReason = state.FallbackReason };
        }

        if (page.Outcome != FetchOutcome.Ok)
        {
            attempts.Add(new ReadAttempt { Step = ReadAttemptStep.Page, Url = site.AbsoluteUri, Outcome = ReadAttemptOutcome.Failed, Detail = page.Error });
            return ReadResult.Failed(via, $"the site {site} failed: {page.Error}", page);
        }

        // A site that answers with a feed (an operator who put the feed under "site") is that feed, as in Miniflux.
        if (!fallback && !IsHtml(page.ContentType) && feeds.Parse(page, ReadVia.Discovered) is { Kind: ReadKind.Items } direct)
        {
            attempts.Add(Attempt(ReadAttemptStep.Discovered, page.FinalUrl, direct));
            Log.Discovered(logger, source.Id, page.FinalUrl);
            Forget(state);
            state.DiscoveredFeedUrl = page.FinalUrl.AbsoluteUri;
            state.ETag = page.ETag;
            state.LastModified = page.LastModified;
            return direct;
        }

        // For a source without a feed, the site's own feed comes first (it is what the site means to be
        // read by); operator-written rules are the better stand-in for a failed feed than whatever the site advertises.
        var advertised = (await scraper.DiscoverAsync(page.Body, page.FinalUrl, page.ContentTypeHeader(), cancellationToken))
            .FirstOrDefault(f => f.Url != failedFeed);
        if (advertised is not null && (!fallback || rule is null)
            && await ReadDiscoveredAsync(source, advertised.Url, state, defaults, fallback, attempts, cancellationToken) is { Kind: not ReadKind.Failed } discovered)
        {
            return discovered;
        }

        string? ruleProblem = null;
        if (rule is not null)
        {
            var scraped = await listings.ScrapeAsync(page, rule, state.LastScrapeCount, via, defaults, cancellationToken);
            attempts.Add(Attempt(ReadAttemptStep.Rule, page.FinalUrl, scraped));
            if (scraped.Kind == ReadKind.Items)
            {
                KeepValidators(state, page);
                state.LastScrapeCount = scraped.ScrapeCount;
                return scraped;
            }

            ruleProblem = scraped.Error;
            if (advertised is not null && fallback
                && await ReadDiscoveredAsync(source, advertised.Url, state, defaults, fallback, attempts, cancellationToken) is { Kind: not ReadKind.Failed } standIn)
            {
                return standIn;
            }
        }

        var read = await generic.ReadAsync(page, state.ArticleLookups, defaults, network: true, cancellationToken);
        state.ArticleLookups = read.Lookups;
        attempts.Add(new ReadAttempt
        {
            Step = ReadAttemptStep.Generic,
            Url = page.FinalUrl.AbsoluteUri,
            Outcome = read.Problem is null ? ReadAttemptOutcome.Ok : ReadAttemptOutcome.Broken,
            Items = read.Problem is null ? read.Items.Count : null,
            Detail = read.Problem ?? read.Description,
        });
        if (read.Problem is null)
        {
            Log.ReadGenerically(logger, source.Id, page.FinalUrl, read.Items.Count, read.Description);
            if (read.Settled)
            {
                KeepValidators(state, page);
            }
            else
            {
                // Post pages still to look up (or a sitemap to read again): an unchanged page must not stop that.
                state.PageETag = null;
                state.PageLastModified = null;
            }
            return new ReadResult
            {
                Kind = ReadKind.Items,
                Via = ReadVia.Generic,
                Items = read.Items,
                Fetch = page,
                FallbackReason = ruleProblem is null ? null : $"the scrape rules broke: {ruleProblem}",
            };
        }

        // Until something reads the page again it is fetched whole: a 304 must not stand for a read that failed.
        state.PageETag = null;
        state.PageLastModified = null;
        var noFeed = advertised is null ? "advertises no feed" : "advertises no feed that works";
        return ruleProblem is not null
            ? new ReadResult { Kind = ReadKind.Broken, Via = via, Error = $"{ruleProblem}; the generic reader found nothing either: {read.Problem}", Fetch = page }
            : ReadResult.Failed(via, $"the site {site} {noFeed}, has no scrape rules, and the generic reader {read.Problem}", page) with { ParseFailed = true };
    }

    private async Task<ReadResult> ReadDiscoveredAsync(SourceDefinition source, Uri feed, SourceState state, CatalogDefaults defaults, bool fallback, List<ReadAttempt> attempts, CancellationToken cancellationToken)
    {
        Log.Discovered(logger, source.Id, feed);
        if (fallback)
        {
            // For this poll only: the configured url stays the source's feed.
            var stand = await feeds.ReadAsync(feed, null, null, ReadVia.Fallback, defaults, cancellationToken);
            attempts.Add(Attempt(ReadAttemptStep.Discovered, feed, stand));
            return stand.Kind == ReadKind.Failed ? stand with { Error = $"the feed {feed} the site advertises failed: {stand.Error}" } : stand;
        }

        Forget(state);
        var read = await ReadFeedAsync(feed, ReadVia.Discovered, state, defaults, cancellationToken);
        attempts.Add(Attempt(ReadAttemptStep.Discovered, feed, read));
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

    private static ReadAttempt Attempt(string step, Uri url, ReadResult read) => new()
    {
        Step = step,
        Url = url.AbsoluteUri,
        Outcome = read.Kind switch
        {
            ReadKind.Items => ReadAttemptOutcome.Ok,
            ReadKind.NotModified => ReadAttemptOutcome.NotModified,
            ReadKind.Broken => ReadAttemptOutcome.Broken,
            _ => ReadAttemptOutcome.Failed,
        },
        Items = read.Kind == ReadKind.Items ? read.Items.Count : null,
        Detail = read.Error,
    };

    private static void KeepValidators(SourceState state, FetchResult page)
    {
        state.PageETag = page.ETag;
        state.PageLastModified = page.LastModified;
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

        [LoggerMessage(EventId = 214, Level = LogLevel.Information, Message = "Source {SourceId}: the generic listing reader read {Items} posts from {Url} ({Description})")]
        public static partial void ReadGenerically(ILogger logger, string sourceId, Uri url, int items, string description);
    }
}
