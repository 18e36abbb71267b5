using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Scraping;
using AiFeed.Model;

namespace AiFeed.Ingestion.Reading;

/// <summary>
/// Scrapes a fetched listing page with a source's rules, follows <c>next</c> links up to the rule's
/// page limit (same host only, no validators: only the first page decides "not modified"), and
/// applies the breakage guard to the first page, whose size is stable from poll to poll.
/// </summary>
public sealed class ListingScraper(FeedFetcher fetcher, PageScraper scraper)
{
    public async Task<ReadResult> ScrapeAsync(FetchResult firstPage, ScrapeRule rule, int? lastGoodCount, string via, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var first = await scraper.ScrapeAsync(firstPage.Body, firstPage.FinalUrl, firstPage.ContentTypeHeader(), rule, cancellationToken);
        if (BreakageGuard.Check(first, lastGoodCount) is { } reason)
        {
            return new ReadResult { Kind = ReadKind.Broken, Via = via, Error = reason, Fetch = firstPage };
        }

        var items = new List<FeedItem>(first.Items);
        var seen = new HashSet<string>(items.Select(Key), StringComparer.Ordinal);
        var visited = new HashSet<Uri> { firstPage.FinalUrl };
        var next = first.NextPage;
        for (var pages = 1; next is not null && pages < rule.MaxPages; pages++)
        {
            if (!string.Equals(next.Host, firstPage.FinalUrl.Host, StringComparison.OrdinalIgnoreCase) || !visited.Add(next))
            {
                break;
            }

            var fetched = await fetcher.FetchAsync(
                new FetchRequest(next, null, null, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
                cancellationToken);
            if (fetched.Outcome != FetchOutcome.Ok)
            {
                // Older pages are a bonus; the first page's posts stand on their own.
                break;
            }

            var page = await scraper.ScrapeAsync(fetched.Body, fetched.FinalUrl, fetched.ContentTypeHeader(), rule, cancellationToken);
            items.AddRange(page.Items.Where(i => seen.Add(Key(i))));
            next = page.NextPage;
        }

        return new ReadResult { Kind = ReadKind.Items, Via = via, Items = items, Fetch = firstPage, ScrapeCount = first.Items.Count };
    }

    private static string Key(FeedItem item) => UrlCanonicalizer.Canonicalize(item.Link) ?? item.Link ?? string.Empty;
}
