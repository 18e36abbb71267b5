using static AiFeed.Tests.Ingestion.Parsing.FeedParserTestData;

namespace AiFeed.Tests.Ingestion.Parsing;

public sealed class FeedParserItemFieldTests
{
    [Fact]
    public void Parse_RssModules_ReadsContentEncodedCreatorAndThumbnail()
    {
        // Arrange
        const string document = """
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
              <channel><title>Mods</title><link>https://m.example/</link>
                <item>
                  <title>With modules</title>
                  <link>https://m.example/1</link>
                  <author>editor@m.example (Editor)</author>
                  <dc:creator>Ada Lovelace</dc:creator>
                  <description>Teaser</description>
                  <content:encoded><![CDATA[<p>Full &nbsp; body</p>]]></content:encoded>
                  <media:thumbnail url="https://m.example/thumb.jpg" width="100"/>
                  <dc:subject>vision</dc:subject>
                  <category>ml</category>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("Ada Lovelace", item.Author);
        Assert.Equal("Teaser", item.Summary);
        Assert.Equal("<p>Full &nbsp; body</p>", item.ContentHtml);
        Assert.Equal("https://m.example/thumb.jpg", item.ImageUrl);
        Assert.Equal(["ml", "vision"], item.Categories.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""<media:content url="https://m.example/a.png" medium="image"/>""")]
    [InlineData("""<media:group><media:content url="https://m.example/a.png" type="image/png"/></media:group>""")]
    [InlineData("""<enclosure url="https://m.example/a.png" type="image/png" length="100"/>""")]
    public void Parse_ImageVariants_SetImageUrl(string element)
    {
        // Arrange
        var document = $"""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
              <item><title>Img</title><link>https://m.example/1</link>{element}</item>
            </channel></rss>
            """;

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("https://m.example/a.png", item.ImageUrl);
    }

    [Fact]
    public void Parse_HtmlEscapedRssTitle_DecodesOnceToText()
    {
        // Arrange
        const string document = """<rss version="2.0"><channel><item><title>  &lt;b&gt;Bold&lt;/b&gt; &amp;amp; more  </title></item></channel></rss>""";

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("<b>Bold</b> &amp; more", item.Title);
    }

    [Theory]
    [InlineData("<guid>https://g.example/p</guid>", "https://g.example/p")]
    [InlineData("<guid isPermaLink=\"true\">https://g.example/p</guid>", "https://g.example/p")]
    [InlineData("<guid isPermaLink=\"false\">https://g.example/p</guid>", null)]
    [InlineData("<guid>1559104147038</guid>", null)]
    [InlineData("<guid>tag:g.example,2024:1</guid>", null)]
    public void Parse_ItemWithoutLink_UsesGuidOnlyWhenItIsAPermalinkUrl(string guidElement, string? link)
    {
        // Arrange
        var document = $"<rss version=\"2.0\"><channel><item><title>G</title>{guidElement}</item></channel></rss>";

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal(link, item.Link);
        Assert.NotNull(item.Id);
    }

    [Fact]
    public void Parse_AtomXmlBase_ResolvesAgainstElementThenAncestor()
    {
        // Arrange
        const string document = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/root/">
              <link href="/home"/>
              <entry xml:base="posts/">
                <title>A</title>
                <link href="a.html"/>
              </entry>
              <entry>
                <title>B</title>
                <link xml:base="https://other.example/dir/" href="b.html"/>
              </entry>
              <entry>
                <title>C</title>
                <link href="c.html"/>
              </entry>
            </feed>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("https://base.example/home", feed.Link);
        Assert.Equal("https://base.example/root/posts/a.html", feed.Items[0].Link);
        Assert.Equal("https://other.example/dir/b.html", feed.Items[1].Link);
        Assert.Equal("https://base.example/root/c.html", feed.Items[2].Link);
    }

    [Fact]
    public void Parse_RssXmlBaseOnItem_ResolvesRelativeLink()
    {
        // Arrange
        const string document = """
            <rss version="0.92"><channel><link>https://site.example/blog/</link>
              <item xml:base="https://cdn.example/x/"><title>A</title><link>a</link></item>
              <item><title>B</title><link>b</link></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("https://cdn.example/x/a", feed.Items[0].Link);
        Assert.Equal("https://site.example/blog/b", feed.Items[1].Link);
    }

    [Fact]
    public void Parse_RelativeLinksWithoutBaseOrFeedLink_ResolveAgainstFeedUrl()
    {
        // Arrange
        const string document = """<rss version="2.0"><channel><item><title>A</title><link>/posts/a</link></item></channel></rss>""";

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("https://example.org/posts/a", item.Link);
    }

    [Fact]
    public void Parse_RelativeLinksInRss20_ResolveAgainstFeedLink()
    {
        // Arrange
        const string document = """<rss version="2.0"><channel><link>https://site.example/blog/</link><item><title>A</title><link>posts/a</link></item></channel></rss>""";

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("https://site.example/blog/posts/a", item.Link);
    }

    [Fact]
    public void Parse_AtomHtmlContentInAnXhtmlDiv_TakesTheEscapedMarkup()
    {
        // Arrange: TypePad's form (feedparser's entry_content_div_escaped_markup).
        const string document = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
              <entry><title>A</title><link href="https://t.example/1"/><id>urn:t:1</id><updated>2024-01-01T00:00:00Z</updated>
                <content type="html"><div xmlns="http://www.w3.org/1999/xhtml">Example &lt;b&gt;Atom&lt;/b&gt;</div></content></entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("Example <b>Atom</b>", item.ContentHtml);
    }

    [Fact]
    public void Parse_AtomPrefersHtmlAlternateLink()
    {
        // Arrange
        const string document = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
              <link rel="enclosure" type="image/jpeg" href="https://e.example/a.jpg"/>
              <link rel="alternate" type="application/pdf" href="https://e.example/a.pdf"/>
              <link rel="alternate" type="text/html" href="https://e.example/a"/>
            </entry></feed>
            """;

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Equal("https://e.example/a", item.Link);
        Assert.Equal("https://e.example/a.jpg", item.ImageUrl);
    }

    [Fact]
    public void Parse_UnparseableDate_GivesNullNeverNow()
    {
        // Arrange
        const string document = """<rss version="2.0"><channel><item><title>A</title><link>https://e.example/a</link><pubDate>someday soon</pubDate></item></channel></rss>""";

        // Act
        var item = Assert.Single(Parse(document).Items);

        // Assert
        Assert.Null(item.PublishedAt);
        Assert.Null(item.UpdatedAt);
    }

    [Fact]
    public void Parse_RssNamedZoneDates_AreConverted()
    {
        // Arrange
        const string document = """
            <rss version="2.0"><channel>
              <item><title>A</title><link>https://e.example/a</link><pubDate>Wed, 10 Sept 2003 04:00:00 CEST</pubDate></item>
              <item><title>B</title><link>https://e.example/b</link><pubDate>Tue, 10 Jun 2003 04:00:00 +0000 (UTC)</pubDate></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(new DateTimeOffset(2003, 9, 10, 2, 0, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2003, 6, 10, 4, 0, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
    }
}
