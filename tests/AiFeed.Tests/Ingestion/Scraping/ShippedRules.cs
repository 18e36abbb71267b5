using AiFeed.Catalog;
using AiFeed.Ingestion.Scraping;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>The catalog shipped in the repository and a way to run one of its rules over a page.</summary>
internal static class ShippedRules
{
    private static readonly Lazy<FeedCatalog> Catalog = new(() =>
    {
        var result = CatalogLoader.Load(Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Catalog!;
    });

    public static SourceDefinition Source(string id) =>
        Catalog.Value.Find(id) ?? throw new InvalidOperationException($"feeds.json has no source '{id}'");

    public static async Task<ScrapeResult> ScrapeAsync(string id, string html, CancellationToken cancellationToken)
    {
        var source = Source(id);
        return await new PageScraper().ScrapeAsync(System.Text.Encoding.UTF8.GetBytes(html), new Uri(source.Site!), "text/html; charset=utf-8", source.Scrape!, cancellationToken);
    }
}
