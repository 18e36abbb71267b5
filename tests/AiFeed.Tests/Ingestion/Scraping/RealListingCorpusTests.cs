using AiFeed.Catalog;
using AiFeed.Ingestion.Scraping;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>
/// Real listing pages from ../shared/corpus/real (MANIFEST.md gives counts, titles, links and
/// dates), read with the rules shipped in feeds.json and with a CSS rule written for the page.
/// </summary>
public sealed class RealListingCorpusTests
{
    private const string MistralPage = "real/mistral/mistral_news_listing_2026-03.html";
    private const string DeepMindPage = "real/deepmind/deepmind_research_publications_listing_2026-03.html";

    // The nine distinct article links of the page's cards, in page order (MANIFEST: the featured article appears twice).
    private static readonly string[] MistralCardLinks =
    [
        "https://mistral.ai/news/voxtral-tts",
        "https://mistral.ai/news/forge",
        "https://mistral.ai/news/mistral-small-4",
        "https://mistral.ai/news/mistral-ai-and-nvidia-partner-to-accelerate-open-frontier-models",
        "https://mistral.ai/news/leanstral",
        "https://mistral.ai/news/rails-testing-on-autopilot-building-an-agent-that-writes-what-developers-wont",
        "https://mistral.ai/news/voxtral-transcribe-2",
        "https://mistral.ai/news/mistral-vibe-2-0",
        "https://mistral.ai/news/debugging-memory-leak-in-vllm",
    ];

    [Fact]
    public async Task MistralCards_CssRuleForThePage_FindsNineDistinctArticlesWithTitlesAndDates()
    {
        // Arrange: each card is <a href><article>; the hero has its title in h1, list cards in h2.
        var rule = new ScrapeRule
        {
            Items = "a[href^='/news/']:has(article)",
            Title = "h1, h2",
            Date = "div.text-mistral-black-tint",
            DateFormats = ["MMM d, yyyy"],
            Summary = "p",
        };

        // Act
        var result = await ScrapeAsync(MistralPage, "https://mistral.ai/news", rule);

        // Assert
        Assert.Equal(10, result.Matched);
        Assert.Equal(MistralCardLinks, result.Items.Select(i => i.Link));
        Assert.Equal("Speaking of Voxtral", result.Items[0].Title);
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.Zero), result.Items[0].PublishedAt);
        Assert.Equal("Introducing Forge", result.Items[1].Title);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.Zero), result.Items[1].PublishedAt);
        Assert.All(result.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Title)));
        Assert.All(result.Items, i => Assert.NotNull(i.PublishedAt));
    }

    [Fact]
    public async Task MistralFlightData_ShippedRule_ReadsEveryPostTheCardsShowAndTheRest()
    {
        // Arrange
        var source = ShippedRules.Source("mistral");

        // Act: the 47 __next_f chunks hold all 64 posts; the cards show the newest nine.
        var result = await ScrapeAsync(MistralPage, source.Site!, source.Scrape!);

        // Assert
        Assert.Null(BreakageGuard.Check(result, null));
        Assert.Equal(64, result.Items.Count);
        Assert.Equal(MistralCardLinks, result.Items.Take(9).Select(i => i.Link));
        var first = result.Items[0];
        Assert.Equal("Speaking of Voxtral", first.Title);
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 16, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal(["Research"], first.Categories);
        Assert.Equal("Mistral AI", first.Author);
        Assert.Equal("https://mistral.ai/news/announcing-mistral-7b", result.Items[^1].Link);
        Assert.All(result.Items, i => Assert.NotNull(i.PublishedAt));
    }

    [Fact]
    public async Task DeepMindPublications_ShippedRule_FindsThirtyEntriesAndTheNextPage()
    {
        // Arrange
        var source = ShippedRules.Source("deepmind-publications");

        // Act
        var result = await ScrapeAsync(DeepMindPage, source.Site!, source.Scrape!);

        // Assert
        Assert.Equal(30, result.Matched);
        Assert.Equal(30, result.Items.Count);
        var first = result.Items[0];
        Assert.Equal("Dynamic Reflections: Probing Video Representations with Text Alignment", first.Title);
        Assert.Equal("https://deepmind.google/research/publications/193694/", first.Link);
        Assert.Equal(new DateTimeOffset(2026, 4, 23, 0, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.All(result.Items, i => Assert.Matches(@"^https://deepmind\.google/research/publications/\d+/$", i.Link));
        Assert.All(result.Items, i => Assert.NotNull(i.PublishedAt));
        Assert.Equal(new Uri("https://deepmind.google/research/publications/page/2/"), result.NextPage);
    }

    [Fact]
    public async Task DeepMindPublications_RuleFromAnotherSite_ReportsZeroMatches()
    {
        // Arrange
        var rule = ShippedRules.Source("xai").Scrape!;

        // Act
        var result = await ScrapeAsync(DeepMindPage, "https://deepmind.google/research/publications/", rule);

        // Assert
        Assert.Equal("selector `div.group.relative` matched 0 elements", BreakageGuard.Check(result, 30));
    }

    private static async Task<ScrapeResult> ScrapeAsync(string relative, string pageUrl, ScrapeRule rule)
    {
        var bytes = await File.ReadAllBytesAsync(TestEnvironment.CorpusPath(relative), TestContext.Current.CancellationToken);
        return await new PageScraper().ScrapeAsync(bytes, new Uri(pageUrl), "text/html", rule, TestContext.Current.CancellationToken);
    }
}
