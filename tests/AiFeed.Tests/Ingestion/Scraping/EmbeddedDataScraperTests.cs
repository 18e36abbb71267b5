using AiFeed.Catalog;
using AiFeed.Ingestion.Scraping;

namespace AiFeed.Tests.Ingestion.Scraping;

public sealed class EmbeddedDataScraperTests
{
    private static readonly Uri Page = new("https://lab.example.org/blog");

    [Fact]
    public async Task Scrape_LdJsonBlocks_ReadsPostingsAcrossBlocksAndSkipsBrokenOnes()
    {
        // Arrange
        const string Html = """
            <html><head>
            <script type="application/ld+json">{ "@context": "https://schema.org", "@type": "Organization", "name": "Lab" }</script>
            <script type="application/ld+json">{ broken json </script>
            <script type="application/LD+JSON">{ "@type": "ItemList", "itemListElement": [
              { "@type": "ListItem", "item": { "@type": "BlogPosting", "headline": "First", "url": "/blog/first", "datePublished": "2026-11-02T08:00:00-05:00", "author": { "name": "Ada" }, "keywords": ["rl", "agents"] } },
              { "@type": "ListItem", "item": { "@type": "BlogPosting", "headline": "Second", "url": "https://lab.example.org/blog/second", "datePublished": "not a date" } }
            ] }</script>
            </head><body></body></html>
            """;
        var rule = new ScrapeRule
        {
            Embedded = EmbeddedData.LdJson,
            Items = "..[?@type=BlogPosting]",
            Title = "headline",
            Link = "url",
            Date = "datePublished",
            Author = "author.name",
            Tags = "keywords",
        };

        // Act
        var result = await ScrapeAsync(Html, rule);

        // Assert
        Assert.Equal(["First", "Second"], result.Items.Select(i => i.Title));
        Assert.Equal("https://lab.example.org/blog/first", result.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 13, 0, 0, TimeSpan.Zero), result.Items[0].PublishedAt);
        Assert.Equal("Ada", result.Items[0].Author);
        Assert.Equal(["rl", "agents"], result.Items[0].Categories);
        Assert.Null(result.Items[1].PublishedAt);
    }

    [Fact]
    public async Task Scrape_NextDataMissing_SaysThePageLacksIt()
    {
        // Arrange: the site moved from the pages router to the app router.
        var html = NextFlightPage.Html("Blog", "<main></main>", new { posts = new[] { new { title = "A", slug = "a" } } });
        var rule = new ScrapeRule { Embedded = EmbeddedData.NextData, Items = "props.pageProps.posts[]", Title = "title", Link = "/blog/{slug}" };

        // Act
        var result = await ScrapeAsync(html, rule);

        // Assert
        Assert.Equal("the page has no a script#__NEXT_DATA__ (or it is not JSON)", BreakageGuard.Check(result, null));
    }

    [Fact]
    public async Task Scrape_PathFindsNothing_NamesThePathAndTheData()
    {
        // Arrange
        var html = NextFlightPage.NextData("Blog", new { props = new { pageProps = new { articles = new[] { new { title = "A" } } } } });
        var rule = new ScrapeRule { Embedded = EmbeddedData.NextData, Items = "props.pageProps.posts[]", Title = "title", Link = "/blog/{slug}" };

        // Act
        var result = await ScrapeAsync(html, rule);

        // Assert
        Assert.Equal("path `props.pageProps.posts[]` in a script#__NEXT_DATA__ matched 0 elements", BreakageGuard.Check(result, null));
    }

    [Fact]
    public async Task Scrape_FlightChunksWithTextRowsCutMidCharacter_ReadsTheRowsAfterThem()
    {
        // Arrange: chunks of 7 characters cut rows, JSON strings and the text row everywhere.
        var html = NextFlightPage.Html("Blog", "<main></main>", new { posts = new[] { new { title = "Ünïcode “post”", slug = "u" } } }, chunkSize: 7);
        var rule = new ScrapeRule { Embedded = EmbeddedData.NextFlight, Items = "..posts[]", Title = "title", Link = "/blog/{slug}" };

        // Act
        var result = await ScrapeAsync(html, rule);

        // Assert
        var item = Assert.Single(result.Items);
        Assert.Equal("Ünïcode “post”", item.Title);
        Assert.Equal("https://lab.example.org/blog/u", item.Link);
    }

    [Fact]
    public async Task Scrape_TwoPushesInOneScript_ReadsBoth()
    {
        // Arrange: a row split across two pushes of the same script element.
        const string Html = """
            <html><body><script>self.__next_f.push([1,"1:{\"posts\":[{\"title\":\"A\",\"sl"]);self.__next_f.push([1,"ug\":\"a\"}]}\n"]);</script></body></html>
            """;
        var rule = new ScrapeRule { Embedded = EmbeddedData.NextFlight, Items = "..posts[]", Title = "title", Link = "/blog/{slug}" };

        // Act
        var result = await ScrapeAsync(Html, rule);

        // Assert
        Assert.Equal("https://lab.example.org/blog/a", Assert.Single(result.Items).Link);
    }

    private static async Task<ScrapeResult> ScrapeAsync(string html, ScrapeRule rule) =>
        await new PageScraper().ScrapeAsync(System.Text.Encoding.UTF8.GetBytes(html), Page, "text/html", rule, TestContext.Current.CancellationToken);
}
