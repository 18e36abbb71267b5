using AiFeed.Catalog;
using static AiFeed.Tests.Catalog.CatalogAssert;

namespace AiFeed.Tests.Catalog;

/// <summary>The "scrape" object of a source: errors are positioned at the value at fault.</summary>
public sealed class ScrapeRuleValidationTests
{
    // The scrape object starts on line 4, column 17; an error points at the value (or key) at fault.
    private static string Catalog(string scrape) => $$"""
        {
          "feeds": [
            { "id": "a", "name": "A", "site": "https://a.example/news",
              "scrape": {{scrape}} }
          ]
        }
        """;

    [Fact]
    public void Scrape_CssRule_IsRead()
    {
        // Arrange
        var json = Catalog("""{ "item": "article.post", "title": "h2::text", "link": "a::attr(href)", "date": "time@datetime", "dateFormats": ["MMM d, yyyy"], "culture": "en-US", "next": "a[rel=next]@href" }""");

        // Act
        var rule = Valid(json).Sources[0].Scrape!;

        // Assert
        Assert.Null(rule.Embedded);
        Assert.Equal("article.post", rule.Items);
        Assert.Equal("h2::text", rule.Title);
        Assert.Equal(["MMM d, yyyy"], rule.DateFormats);
        Assert.Equal(3, rule.MaxPages);
    }

    [Fact]
    public void Scrape_EmbeddedRule_IsRead()
    {
        // Arrange
        var json = Catalog("""{ "embedded": "nextFlight", "items": "..[?_type=post]", "title": "title", "link": "url | /news/{slug.current}", "date": "publishedOn" }""");

        // Act
        var rule = Valid(json).Sources[0].Scrape!;

        // Assert
        Assert.Equal(EmbeddedData.NextFlight, rule.Embedded);
        Assert.Equal("..[?_type=post]", rule.Items);
        Assert.Equal(1, rule.MaxPages);
    }

    [Theory]
    [InlineData("""{ "item": "div[" }""", "feeds.json:4:27: feeds[0].scrape.item: `div[` is not a valid CSS selector")]
    [InlineData("""{ "item": "li", "title": "h2 >" }""", "feeds.json:4:42: feeds[0].scrape.title: `h2 >` is not a valid CSS selector")]
    [InlineData("""{ "item": "li", "titel": "h2" }""", "feeds.json:4:33: feeds[0].scrape.titel: unknown key (did you mean 'title'?)")]
    [InlineData("""{ "item": "li", "items": "x" }""", "feeds.json:4:33: feeds[0].scrape.items: unknown key (did you mean 'item'?)")]
    [InlineData("""{ "item": "li", "date": "time", "dateFormats": ["MMM d, yyyy", "%"] }""", "feeds.json:4:80: feeds[0].scrape.dateFormats[1]: '%' is not a usable date format (see .NET custom date and time formats, e.g. MMM d, yyyy)")]
    [InlineData("""{ "item": "li", "dateFormats": ["hh:mm"] }""", "feeds.json:4:49: feeds[0].scrape.dateFormats[0]: 'hh:mm' is not a usable date format (see .NET custom date and time formats, e.g. MMM d, yyyy)")]
    [InlineData("""{ "item": "li", "culture": "xx-QQ" }""", "feeds.json:4:44: feeds[0].scrape.culture: 'xx-QQ' is not a known culture (such as en-US, fr-FR, de-DE)")]
    [InlineData("""{ "item": "li", "maxPages": 2 }""", "feeds.json:4:33: feeds[0].scrape.maxPages: has no effect without 'next'")]
    [InlineData("""{ "item": "li", "next": "a@href", "maxPages": 50 }""", "feeds.json:4:63: feeds[0].scrape.maxPages: 50 is out of range (1 to 20)")]
    [InlineData("""{ "title": "h2" }""", "feeds.json:4:17: feeds[0].scrape: missing required key 'item'")]
    [InlineData("""{ "embedded": "nextjs", "items": "x", "title": "t", "link": "l" }""", "feeds.json:4:31: feeds[0].scrape.embedded: 'nextjs' is not one of nextData, ldJson, nextFlight")]
    [InlineData("""{ "embedded": "nextData", "items": "..posts[", "title": "t", "link": "l" }""", "feeds.json:4:52: feeds[0].scrape.items: `..posts[` is not a valid path: expected ']' at 9")]
    [InlineData("""{ "embedded": "nextData", "items": "x", "title": "t", "link": "/news/{slug" }""", "feeds.json:4:79: feeds[0].scrape.link: `/news/{slug` is not a valid path or template: '{' at 7 has no closing '}'")]
    [InlineData("""{ "embedded": "ldJson", "items": "x", "title": "t", "link": "l", "item": "li" }""", "feeds.json:4:82: feeds[0].scrape.item: unknown key (did you mean 'items'?)")]
    [InlineData("""{ "embedded": "ldJson", "items": "x", "title": "t" }""", "feeds.json:4:17: feeds[0].scrape: missing required key 'link'")]
    public void Scrape_BadRule_ReportsPositionedError(string scrape, string expected)
    {
        // Arrange
        var json = Catalog(scrape);

        // Act & Assert
        SingleError(json, expected);
    }
}
