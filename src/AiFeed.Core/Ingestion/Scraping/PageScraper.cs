using AiFeed.Catalog;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// The one entry point of scraping for the rest of ingestion: a downloaded listing page and a rule
/// in, posts out (as the same <see cref="Model.FeedItem"/> records the feed parser makes).
/// Stateless and thread-safe.
/// </summary>
public sealed class PageScraper
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API: injected as a singleton like the FeedParser.")]
    public async Task<ScrapeResult> ScrapeAsync(ReadOnlyMemory<byte> page, Uri pageUrl, string? contentType, ScrapeRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var parsed = await HtmlPage.ParseAsync(page, pageUrl, contentType, cancellationToken);
        return rule.Embedded is null ? CssRuleScraper.Scrape(parsed.Document, rule) : EmbeddedDataScraper.Scrape(parsed.Document, rule);
    }

    /// <summary>The feeds <paramref name="page"/> advertises; see <see cref="FeedAutodiscovery"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API, as above.")]
    public Task<IReadOnlyList<DiscoveredFeed>> DiscoverAsync(ReadOnlyMemory<byte> page, Uri pageUrl, string? contentType, CancellationToken cancellationToken) =>
        FeedAutodiscovery.DiscoverAsync(page, pageUrl, contentType, cancellationToken);
}
