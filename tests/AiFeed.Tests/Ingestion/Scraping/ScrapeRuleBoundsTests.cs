using System.Text.Json.Nodes;
using AiFeed.Catalog;
using AiFeed.Ingestion.Scraping;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>Rules come from feeds.json: their paths and selectors are bounded, at validation and at run time.</summary>
public sealed class ScrapeRuleBoundsTests
{
    [Theory]
    [InlineData("..a..b..c", "at any depth ('..') at most 2 times")]
    [InlineData("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q", "at most 16 steps")]
    public void Parse_PathOverBounds_IsRefusedWithReason(string path, string reason)
    {
        // Act
        var ok = JsonPath.TryParse(path, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PathLongerThanLimit_IsRefused()
    {
        // Act
        var ok = JsonPath.TryParse(new string('a', 257), out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains("at most 256 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_HugeArray_PassesOnAtMostTheStepLimit()
    {
        // Arrange
        var items = new JsonArray([.. Enumerable.Range(0, 25_000).Select(i => (JsonNode)new JsonObject { ["title"] = $"t{i}" })]);
        var root = new JsonObject { ["posts"] = items };

        // Act
        var titles = JsonPath.Parse("posts[].title").Select(root).Count();

        // Assert
        Assert.Equal(10_000, titles);
    }

    [Fact]
    public void Validate_SelectorLongerThanLimit_IsAPositionedError()
    {
        // Arrange
        var selector = "div " + string.Concat(Enumerable.Repeat("> div ", 60));
        var json = $$"""{ "feeds": [ { "id": "x", "name": "X", "site": "https://x.example/", "scrape": { "item": "{{selector}}" } } ] }""";

        // Act
        var result = CatalogLoader.Parse(json, "feeds.json");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("feeds[0].scrape.item: a selector may be at most 300 characters long", error.ToString(), StringComparison.Ordinal);
    }
}
