using AiFeed.Ingestion.Scraping;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Scraping;

public sealed class BreakageGuardTests
{
    [Theory]
    [InlineData(10, null, null)]
    [InlineData(6, 10, null)]
    [InlineData(5, 10, "found 5 posts, under 60% of the 10 found last time (selector `article`)")]
    [InlineData(1, 2, "found 1 posts, under 60% of the 2 found last time (selector `article`)")]
    [InlineData(30, 10, null)]
    public void Check_CountAgainstLastGood_RefusesMuchShorterLists(int count, int? last, string? expected)
    {
        // Arrange
        var items = Enumerable.Range(0, count).Select(i => new FeedItem { Link = $"https://a.example/{i}" }).ToList();
        var result = new ScrapeResult(items, count, "selector `article`", []);

        // Act
        var reason = BreakageGuard.Check(result, last);

        // Assert
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Check_NothingMatched_NamesTheSelector()
    {
        // Arrange
        var result = new ScrapeResult([], 0, "selector `article.js-post`", []);

        // Act
        var reason = BreakageGuard.Check(result, null);

        // Assert
        Assert.Equal("selector `article.js-post` matched 0 elements", reason);
    }
}
