using AiFeed.Ingestion.Scraping;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>The NetNewsWire HTML pages whose MANIFEST.md names the feed each one advertises.</summary>
public sealed class FeedAutodiscoveryCorpusTests
{
    [Theory]
    [InlineData("DaringFireball.html", "http://daringfireball.net/", "http://daringfireball.net/feeds/main", "application/atom+xml", null)]
    [InlineData("furbo.html", "http://furbo.org/", "http://furbo.org/feed/", "application/rss+xml", "Iconfactory News Feed")]
    [InlineData("inessential.html", "http://inessential.com/", "http://inessential.com/xml/rss.xml", "application/rss+xml", "RSS")]
    [InlineData("sixcolors.html", "https://sixcolors.com/", "http://feedpress.me/sixcolors", "application/rss+xml", "RSS")]
    public async Task Discover_NetNewsWirePage_FindsTheOneAdvertisedFeed(string file, string pageUrl, string feedUrl, string type, string? title)
    {
        // Arrange
        var page = await File.ReadAllBytesAsync(TestEnvironment.CorpusPath(Path.Combine("netnewswire", file)), TestContext.Current.CancellationToken);

        // Act
        var feeds = await FeedAutodiscovery.DiscoverAsync(page, new Uri(pageUrl), "text/html", TestContext.Current.CancellationToken);

        // Assert
        var feed = Assert.Single(feeds);
        Assert.Equal(new Uri(feedUrl), feed.Url);
        Assert.Equal(type, feed.Type);
        Assert.Equal(title, feed.Title);
    }

    [Fact]
    public async Task Discover_AtlanticArticle_FindsBothRelativeFeedsResolved()
    {
        // Arrange
        var page = await File.ReadAllBytesAsync(TestEnvironment.CorpusPath("netnewswire/coco.html"), TestContext.Current.CancellationToken);

        // Act
        var feeds = await FeedAutodiscovery.DiscoverAsync(page, new Uri("https://www.theatlantic.com/entertainment/archive/2017/11/coco/"), "text/html", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(
            [new Uri("https://www.theatlantic.com/feed/all/"), new Uri("https://www.theatlantic.com/feed/best-of/")],
            feeds.Select(f => f.Url));
    }

    [Fact]
    public async Task Discover_LinkAfterTheHead_IsNotRead()
    {
        // Arrange: only the <head> is parsed, so a feed link in the body (invalid HTML anyway) is not seen.
        const string Html = """<html><head><title>T</title><link rel="Alternate" type="application/feed+json" href="feed.json"></head><body><link rel="alternate" type="application/rss+xml" href="/body.xml"></body></html>""";

        // Act
        var feeds = await FeedAutodiscovery.DiscoverAsync(System.Text.Encoding.UTF8.GetBytes(Html), new Uri("https://a.example/blog/"), "text/html", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new Uri("https://a.example/blog/feed.json"), Assert.Single(feeds).Url);
    }
}
