using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Scraping.Generic;
using AiFeed.Model;
using Microsoft.Extensions.Logging;

namespace AiFeed.Ingestion.Reading;

/// <summary>What the generic reader gave for one listing page, and what it learned from post pages.</summary>
/// <param name="Settled">
/// False when the next poll should read the page again even if it has not changed: posts still wait
/// for a look at their own page, or they came from the sitemap, which the page's validators do not cover.
/// </param>
public sealed record GenericRead(IReadOnlyList<FeedItem> Items, string Description, string? Problem, ValueList<ArticleLookup> Lookups, int LookupsMade, bool Settled);

/// <summary>
/// The generic listing reader with the network around it: reads a fetched listing page without a
/// rule (<see cref="GenericListing"/>), asks the posts' own pages for what their cards lack (a date,
/// mostly) — at most <see cref="MaxLookupsPerPoll"/> pages per poll, conditionally, remembered in the
/// source state so each is asked once — and, when the page shows no post list (a page its scripts
/// fill in), takes the newest post URLs under the listing's path from the site's sitemap.
/// Every request goes through the feed client (limits, address guard, User-Agent).
/// </summary>
public sealed partial class GenericReader(FeedFetcher fetcher, TimeProvider time, ILogger<GenericReader> logger)
{
    public const int MaxLookupsPerPoll = 3;

    /// <summary>A post page that gave no date is asked again (conditionally) after this long.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromDays(1);

    private const int MaxSitemapRequests = 3;

    private const int MaxSitemapPosts = 20;

    private static readonly string[] SitemapHints = ["post", "blog", "news", "article"];

    /// <param name="page">The listing page, fetched.</param>
    /// <param name="known">What earlier polls learned from post pages.</param>
    /// <param name="network">False reads the page alone (scrape-test on a saved file).</param>
    public async Task<GenericRead> ReadAsync(FetchResult page, ValueList<ArticleLookup> known, CatalogDefaults defaults, bool network, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(defaults);
        var listing = await GenericListing.ReadAsync(page.Body, page.FinalUrl, page.ContentTypeHeader(), cancellationToken);
        var items = listing.Items;
        var undated = listing.Undated;
        var description = listing.Description;
        var fromSitemap = false;
        if (listing.Problem is not null && network && await SitemapPostsAsync(page.FinalUrl, defaults, cancellationToken) is { Count: > 0 } entries)
        {
            // No list on the page: the sitemap's newest posts, titled from their own pages as they are looked up.
            items = [.. entries.Select(e => new FeedItem { Link = e.Url.AbsoluteUri })];
            undated = [.. items.Select(i => i.Link!)];
            description = string.Create(CultureInfo.InvariantCulture, $"{listing.Description} on the page; {entries.Count} post URLs under its path in the site's sitemap");
            fromSitemap = true;
        }

        var lookups = known.ToDictionary(l => l.Url, StringComparer.Ordinal);
        var made = network ? await LookUpAsync(undated, lookups, defaults, cancellationToken) : 0;
        var completed = items.Select(i => Complete(i, lookups.GetValueOrDefault(i.Link!), undated)).Where(i => !string.IsNullOrWhiteSpace(i.Title)).ToList();
        // Only the posts the listing (or sitemap) shows now, titled or not yet: the list stays as long as the page,
        // and ordered, so an unchanged one compares equal.
        var current = items.Select(i => i.Link!).ToHashSet(StringComparer.Ordinal);
        var kept = new ValueList<ArticleLookup>(lookups.Values.Where(l => current.Contains(l.Url)).OrderBy(l => l.Url, StringComparer.Ordinal));
        var problem = completed.Count >= PostCards.MinPosts ? null : listing.Problem ?? "found fewer than two posts";
        if (made > 0)
        {
            description += string.Create(CultureInfo.InvariantCulture, $"; looked up {made} post pages for what their cards lack");
        }

        var settled = !fromSitemap && undated.All(lookups.ContainsKey);
        return new GenericRead(problem is null ? completed : [], description, problem, kept, made, settled);
    }

    // Fills a post from its page's metadata: a date when the card had none or only a month, a title
    // (sitemap posts have none), a teaser and a picture when the card lacked them.
    private static FeedItem Complete(FeedItem item, ArticleLookup? lookup, IReadOnlyList<string> undated)
    {
        if (lookup is null)
        {
            return item;
        }

        var precise = lookup.PublishedAt is { } at && undated.Contains(item.Link!, StringComparer.Ordinal)
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : item.PublishedAt;
        return item with
        {
            Title = item.Title ?? lookup.Title,
            PublishedAt = precise,
            Summary = item.Summary ?? lookup.Summary,
            ImageUrl = item.ImageUrl ?? lookup.ImageUrl,
        };
    }

    // New post pages first, then those that gave no date, longest unasked first; at most MaxLookupsPerPoll.
    private async Task<int> LookUpAsync(IReadOnlyList<string> undated, Dictionary<string, ArticleLookup> lookups, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = undated.Where(u => !lookups.ContainsKey(u))
            .Concat(undated.Select(u => lookups.GetValueOrDefault(u)).OfType<ArticleLookup>()
                .Where(l => l.PublishedAt is null && now - l.CheckedAt >= RecheckAfter)
                .OrderBy(l => l.CheckedAt)
                .Select(l => l.Url))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxLookupsPerPoll)
            .ToList();
        foreach (var url in due)
        {
            var old = lookups.GetValueOrDefault(url);
            var fetched = await fetcher.FetchAsync(
                new FetchRequest(new Uri(url), old?.ETag, old?.LastModified, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
                cancellationToken);
            lookups[url] = fetched.Outcome switch
            {
                FetchOutcome.NotModified when old is not null => old with { CheckedAt = now },
                FetchOutcome.Ok => await ReadMetaAsync(url, fetched, now, cancellationToken),
                _ => (old ?? new ArticleLookup { Url = url }) with { CheckedAt = now },
            };
            if (fetched.Outcome is not (FetchOutcome.Ok or FetchOutcome.NotModified))
            {
                Log.LookupFailed(logger, url, fetched.Error ?? "no answer");
            }
        }

        return due.Count;
    }

    private static async Task<ArticleLookup> ReadMetaAsync(string url, FetchResult fetched, DateTime now, CancellationToken cancellationToken)
    {
        var meta = await PostPageMeta.ReadAsync(fetched.Body, fetched.FinalUrl, fetched.ContentTypeHeader(), cancellationToken);
        return new ArticleLookup
        {
            Url = url,
            CheckedAt = now,
            ETag = fetched.ETag,
            LastModified = fetched.LastModified,
            Title = meta.Title,
            PublishedAt = meta.PublishedAt?.UtcDateTime,
            Summary = meta.Summary,
            ImageUrl = meta.ImageUrl,
        };
    }

    // /sitemap.xml (else /sitemap_index.xml), following an index to the sitemaps that look like posts.
    private async Task<List<SitemapEntry>> SitemapPostsAsync(Uri page, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var queue = new Queue<Uri>([new Uri(page, "/sitemap.xml"), new Uri(page, "/sitemap_index.xml")]);
        var posts = new List<SitemapEntry>();
        var hint = PostLinks.Segments(page).FirstOrDefault();
        for (var requests = 0; requests < MaxSitemapRequests && queue.TryDequeue(out var url); requests++)
        {
            var fetched = await fetcher.FetchAsync(
                new FetchRequest(url, null, null, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
                cancellationToken);
            if (fetched.Outcome != FetchOutcome.Ok)
            {
                continue;
            }

            var sitemap = Sitemap.Parse(fetched.Body, fetched.FinalUrl);
            if (sitemap.IsIndex)
            {
                queue.Clear();
                foreach (var child in sitemap.Entries
                    .OrderByDescending(e => Hinted(e.Url, hint))
                    .ThenByDescending(e => e.LastModified ?? DateTimeOffset.MinValue)
                    .Take(MaxSitemapRequests - requests - 1))
                {
                    queue.Enqueue(child.Url);
                }

                continue;
            }

            if (sitemap.Entries.Count > 0)
            {
                queue.Clear();
            }

            posts.AddRange(sitemap.Entries.Where(e => PostLinks.IsPostUrl(e.Url, page) && (PostLinks.UnderListing(e.Url, page) || page.AbsolutePath.Trim('/').Length == 0)));
        }

        return [.. posts.DistinctBy(e => PostCards.Key(e.Url)).OrderByDescending(e => e.LastModified ?? DateTimeOffset.MinValue).Take(MaxSitemapPosts)];
    }

    private static bool Hinted(Uri sitemap, string? hint)
    {
        var path = sitemap.AbsolutePath;
        return (hint is not null && path.Contains(hint, StringComparison.OrdinalIgnoreCase))
            || SitemapHints.Any(h => path.Contains(h, StringComparison.OrdinalIgnoreCase));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 215, Level = LogLevel.Debug, Message = "Generic reader: the post page {Url} did not answer ({Error})")]
        public static partial void LookupFailed(ILogger logger, string url, string error);
    }
}
