using AiFeed.Catalog;
using AiFeed.Ingestion.Scraping;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>CSS mode over small card lists: links, dates, fields, defaults.</summary>
public sealed class CssRuleScraperTests
{
    private static readonly Uri Page = new("https://lab.example.org/blog/");

    [Fact]
    public async Task Scrape_RelativeLinks_ResolveAgainstThePageAndBaseHref()
    {
        // Arrange
        const string Html = """
            <html><head></head><body>
            <article class="card"><a href="post-1">One</a></article>
            <article class="card"><a href="/news/post-2">Two</a></article>
            <article class="card"><a href="//cdn.example.org/post-3">Three</a></article>
            <article class="card"><a href="javascript:void(0)">Script</a></article>
            </body></html>
            """;
        const string WithBase = """<html><head><base href="https://other.example.org/archive/"></head><body><article class="card"><a href="post-4">Four</a></article></body></html>""";
        var rule = new ScrapeRule { Items = "article.card", Title = "a" };

        // Act
        var result = await ScrapeAsync(Html, rule);
        var based = await ScrapeAsync(WithBase, rule);

        // Assert: a javascript: link is no link, so that card is dropped.
        Assert.Equal(
            ["https://lab.example.org/blog/post-1", "https://lab.example.org/news/post-2", "https://cdn.example.org/post-3"],
            result.Items.Select(i => i.Link));
        Assert.Equal("https://other.example.org/archive/post-4", Assert.Single(based.Items).Link);
    }

    [Theory]
    [InlineData("<time datetime=\"2026-11-03T10:15:00+01:00\">3 days ago</time>", "", null, "2026-11-03T09:15:00")]
    [InlineData("<span class=\"d\">Mar 23, 2026</span>", "span.d", null, "2026-03-23T00:00:00")]
    [InlineData("<span class=\"d\"> 23 April 2026 </span>", "span.d", null, "2026-04-23T00:00:00")]
    [InlineData("<span class=\"d\">Published November 5, 2026</span>", "span.d", null, "2026-11-05T00:00:00")]
    [InlineData("<span class=\"d\">2026-07-01</span>", "span.d", null, "2026-07-01T00:00:00")]
    [InlineData("<span class=\"d\">23/03/2026</span>", "span.d", "dd/MM/yyyy", "2026-03-23T00:00:00")]
    [InlineData("<span class=\"d\">5. März 2026</span>", "span.d", "d. MMMM yyyy|de-DE", "2026-03-05T00:00:00")]
    [InlineData("<span class=\"d\">12 janv. 2026</span>", "span.d", "d MMM yyyy|fr-FR", "2026-01-12T00:00:00")]
    [InlineData("<span class=\"d\">sometime soon</span>", "span.d", null, null)]
    public async Task Scrape_DatesInSeveralFormats_ParseOrStayNull(string markup, string selector, string? formatAndCulture, string? expected)
    {
        // Arrange
        var parts = formatAndCulture?.Split('|');
        var rule = new ScrapeRule
        {
            Items = "li",
            Date = selector.Length == 0 ? "time" : selector,
            DateFormats = parts is null ? [] : [parts[0]],
            Culture = parts is { Length: 2 } ? parts[1] : null,
        };

        // Act
        var result = await ScrapeAsync($"<ul><li><a href=\"/p\">P</a>{markup}</li></ul>", rule);

        // Assert: a date that does not parse is null, never "now".
        Assert.Equal(expected, Assert.Single(result.Items).PublishedAt?.UtcDateTime.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Scrape_EveryField_ReadsTextAttributesAndTagsTrimmed()
    {
        // Arrange
        const string Html = """
            <div class="post" data-url="/p/1">
              <h3>
                 A   title
                 over lines </h3>
              <img src="/img/1.png"><p class="by">Ada</p><p class="teaser">Short <b>teaser</b>.</p>
              <span class="tag">LLM</span><span class="tag"> Agents </span>
            </div>
            """;
        var rule = new ScrapeRule { Items = "div.post", Title = "h3", Link = "@data-url", Summary = "p.teaser", Author = ".by", Tags = "span.tag", Image = "img" };

        // Act
        var item = Assert.Single((await ScrapeAsync(Html, rule)).Items);

        // Assert
        Assert.Equal("A title over lines", item.Title);
        Assert.Equal("https://lab.example.org/p/1", item.Link);
        Assert.Equal("Short teaser.", item.Summary);
        Assert.Equal("Ada", item.Author);
        Assert.Equal(["LLM", "Agents"], item.Categories);
        Assert.Equal("https://lab.example.org/img/1.png", item.ImageUrl);
    }

    [Fact]
    public async Task Scrape_SamePostTwice_KeepsTheFirstCard()
    {
        // Arrange: a featured card and the list card of the same post, links differing only in tracking and fragment.
        const string Html = """
            <a class="c" href="/news/x?utm_source=hero"><h1>Featured X</h1></a>
            <a class="c" href="/news/x#top"><h2>X</h2></a>
            <a class="c" href="/news/y"><h2>Y</h2></a>
            """;

        // Act
        var result = await ScrapeAsync(Html, new ScrapeRule { Items = "a.c", Title = "h1, h2" });

        // Assert
        Assert.Equal(3, result.Matched);
        Assert.Equal(["Featured X", "Y"], result.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task Scrape_TitleSelectorMatchesNothing_NamesTheEmptyField()
    {
        // Arrange
        const string Html = """<article><a href="/a"><h2 class="title-new">A</h2></a></article><article><a href="/b"><h2 class="title-new">B</h2></a></article>""";

        // Act
        var result = await ScrapeAsync(Html, new ScrapeRule { Items = "article", Title = "h2.title" });

        // Assert
        Assert.Equal("title `h2.title` found nothing in any of the 2 matched posts", BreakageGuard.Check(result, null));
    }

    private static async Task<ScrapeResult> ScrapeAsync(string html, ScrapeRule rule) =>
        await new PageScraper().ScrapeAsync(System.Text.Encoding.UTF8.GetBytes(html), Page, "text/html; charset=utf-8", rule, TestContext.Current.CancellationToken);
}
