using AiFeed.Ingestion.Parsing;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Parsing.Corpus;

/// <summary>The parsing expectations netnewswire/MANIFEST.md states, restated as assertions.</summary>
public sealed class NetNewsWireCorpusTests
{
    [Theory]
    [InlineData("DaringFireball.rss", FeedFormat.Atom10, 47)]
    [InlineData("DaringFireball.atom", FeedFormat.Atom10, 48)]
    [InlineData("DaringFireball.json", FeedFormat.JsonFeed, 48)]
    [InlineData("EMarley.rss", FeedFormat.Rss20, 10)]
    [InlineData("KatieFloyd.rss", FeedFormat.Rss20, 20)]
    [InlineData("manton.rss", FeedFormat.Rss20, 10)]
    [InlineData("scriptingNews.rss", FeedFormat.Rss20, 50)]
    [InlineData("natasha.xml", FeedFormat.Rss20, 10)]
    [InlineData("macworld.rss", FeedFormat.Rss20, 30)]
    [InlineData("monkeydom.rss", FeedFormat.Rss20, 13)]
    [InlineData("livemint.xml", FeedFormat.Rss20, 25)]
    [InlineData("medscape.rss", FeedFormat.Rss20, 20)]
    [InlineData("aktuality.rss", FeedFormat.Rss20, 30)]
    [InlineData("kc0011.rss", FeedFormat.Rss20, 20)]
    [InlineData("cloudblog.rss", FeedFormat.Rss20, 20)]
    [InlineData("theomnishow.rss", FeedFormat.Rss20, 4)]
    [InlineData("phpxml.rss", FeedFormat.Rss20, 20)]
    [InlineData("donthitsave.xml", FeedFormat.Rss20, 10)]
    [InlineData("shopify-namespace.rss", FeedFormat.Rss20, 1)]
    [InlineData("bio.rdf", FeedFormat.Rss10, 30)]
    [InlineData("OneFootTsunami.atom", FeedFormat.Atom10, 25)]
    [InlineData("qemu.atom", FeedFormat.Atom10, 10)]
    [InlineData("neverworkintheory.atom", FeedFormat.Atom10, 20)]
    [InlineData("pappacoda.atom", FeedFormat.Atom10, 3)]
    [InlineData("4fsodonline.atom", FeedFormat.Atom10, 25)]
    [InlineData("allthis.atom", FeedFormat.Rss20, 12)]
    [InlineData("root-author.atom", FeedFormat.Atom10, 2)]
    [InlineData("allthis.json", FeedFormat.JsonFeed, 12)]
    [InlineData("inessential.json", FeedFormat.JsonFeed, 20)]
    [InlineData("curt.json", FeedFormat.JsonFeed, 26)]
    [InlineData("pxlnv.json", FeedFormat.JsonFeed, 20)]
    [InlineData("3960.json", FeedFormat.JsonFeed, 20)]
    [InlineData("authors.json", FeedFormat.JsonFeed, 4)]
    public void Parse_NetNewsWireFeed_DetectsFormatFromContentAndCountsItems(string file, FeedFormat format, int count)
    {
        // Arrange
        var path = TestEnvironment.CorpusPath(Path.Combine("netnewswire", file));

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/" + file));

        // Assert
        Assert.Equal(format, feed.Format);
        Assert.Equal(count, feed.Items.Count);
    }

    [Theory]
    [InlineData("DaringFireball.rss", "Apple Product Event: Monday March 21")]
    [InlineData("DaringFireball.atom", "The Talk Show: ‘I Do Like Throwing a Baby’")]
    [InlineData("DaringFireball.json", "The Talk Show: ‘I Do Like Throwing a Baby’")]
    [InlineData("natasha.xml", "The Easiest Way to Get a URL for your Apple Wallet Passkit Pass")]
    [InlineData("macworld.rss", "Best smart lock")]
    [InlineData("monkeydom.rss", "TCMPortMapper 2018 Edition")]
    [InlineData("medscape.rss", "Caution Urged for Virtual Care Partnerships in Canada")]
    [InlineData("cloudblog.rss", "Want to keep your employees productive? Pay attention to shadow IT clues")]
    [InlineData("allthis.atom", "Last thoughts on modifier keys")]
    public void Parse_NetNewsWireFeed_FirstTitleMatchesManifest(string file, string title)
    {
        // Arrange
        var path = TestEnvironment.CorpusPath(Path.Combine("netnewswire", file));

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/" + file));

        // Assert
        Assert.Equal(title, feed.Items[0].Title);
    }

    [Fact]
    public void Parse_ScriptingNewsRss_FirstItemHasNoTitleButFragmentLink()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/scriptingNews.rss");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("http://scripting.com/rss.xml"));

        // Assert
        Assert.Null(feed.Items[0].Title);
        Assert.Equal("http://scripting.com/2017/06/26.html#a080605", feed.Items[0].Link);
    }

    [Fact]
    public void Parse_QemuAtomRelativeLinks_ResolveAgainstFeedUrl()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/qemu.atom");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://www.qemu.org/feed.xml"));

        // Assert
        var item = Assert.Single(feed.Items, i => i.Title == "QEMU version 10.1.0 released");
        Assert.Equal("https://www.qemu.org/2025/08/26/qemu-10-1-0/", item.Link);
    }

    [Fact]
    public void Parse_NonUrlGuids_AreNotUsedAsLinks()
    {
        // Arrange
        var monkeydom = TestEnvironment.CorpusPath("netnewswire/monkeydom.rss");
        var livemint = TestEnvironment.CorpusPath("netnewswire/livemint.xml");
        var parser = new FeedParser();

        // Act
        var first = parser.Parse(File.ReadAllBytes(monkeydom), new Uri("https://example.org/feed")).Items;
        var second = parser.Parse(File.ReadAllBytes(livemint), new Uri("https://example.org/feed")).Items;

        // Assert
        Assert.All(first.Concat(second), item => Assert.True(item.Link is null || item.Link.StartsWith("http", StringComparison.Ordinal), item.Link));
        Assert.Contains(first, item => item.Id == "cocoa-dom:tcmportmapper" && item.Link != item.Id);
    }

    [Fact]
    public void Parse_KatieFloydCdataNbsp_StaysLiteral()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/KatieFloyd.rss");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed"));

        // Assert
        Assert.False(feed.Recovered);
        Assert.Contains(feed.Items, item => (item.ContentHtml ?? item.Summary ?? string.Empty).Contains("&nbsp;", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Gb2312Feed_EveryItemHasContent()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/kc0011.rss");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed"));

        // Assert
        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, item => Assert.False(string.IsNullOrEmpty(item.ContentHtml ?? item.Summary)));
    }

    [Fact]
    public void Parse_RootAuthorAtom_FeedAuthorAppliesToEveryEntry()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/root-author.atom");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://fvsch.com/feed.xml"));

        // Assert
        Assert.All(feed.Items, item => Assert.Equal("Florens Verschelde", item.Author));
    }

    [Fact]
    public void Parse_ShopifyNamespace_SkipsForeignTitleAndReadsModules()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/shopify-namespace.rss");

        // Act
        var item = Assert.Single(new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed")).Items);

        // Assert
        Assert.Equal("Real Product Title", item.Title);
        Assert.Equal("<p>Body HTML</p>", item.ContentHtml);
        Assert.Equal("Jane Maker", item.Author);
    }

    [Fact]
    public void Parse_JsonFeedAuthors_ModernAuthorsWinOverLegacyAuthor()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/authors.json");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed.json"));

        // Assert
        Assert.All(feed.Items, item => Assert.Null(item.Title));
        Assert.All(feed.Items, item => Assert.NotNull(item.Author));
    }

    [Fact]
    public void Parse_CurtJsonFeed_ReadsContentHtmlAndZonelessDates()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/curt.json");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed.json"));

        // Assert
        var item = Assert.Single(feed.Items, i => i.Title == "Twitter Quitter");
        Assert.StartsWith("<p>I&#8217;ve decided to close my Twitter account.", item.ContentHtml, StringComparison.Ordinal);
        Assert.All(feed.Items, i => Assert.NotNull(i.PublishedAt));
    }

    [Fact]
    public void Parse_RssInJson_ReadsChannelItems()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("netnewswire/ScriptingNews.json");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("http://scripting.com/rss.json"));

        // Assert
        Assert.NotEmpty(feed.Items);
    }

    [Theory]
    [InlineData("allthis-partial.json")]
    [InlineData("DaringFireball.html")]
    [InlineData("furbo.html")]
    [InlineData("inessential.html")]
    [InlineData("sixcolors.html")]
    [InlineData("coco.html")]
    [InlineData("Subs.opml")]
    public void Parse_NetNewsWireNonFeed_ThrowsFeedParseException(string file)
    {
        // Arrange
        var path = TestEnvironment.CorpusPath(Path.Combine("netnewswire", file));

        // Act
        var exception = Record.Exception(() => new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/" + file)));

        // Assert
        Assert.IsType<FeedParseException>(exception);
    }
}
