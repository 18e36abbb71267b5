using System.Text;
using AiFeed.Ingestion.Parsing;
using AiFeed.Model;
using static AiFeed.Tests.Ingestion.Parsing.FeedParserTestData;

namespace AiFeed.Tests.Ingestion.Parsing;

public sealed class FeedParserFormatTests
{
    private const string Rss20 = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0">
          <channel>
            <title>Lab blog</title>
            <link>https://lab.example/</link>
            <ttl>60</ttl>
            <item>
              <title>First post</title>
              <link>https://lab.example/first</link>
              <guid isPermaLink="false">post-1</guid>
              <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
              <description>Summary one</description>
              <category>ml</category>
            </item>
            <item>
              <title>Second post</title>
              <link>https://lab.example/second</link>
            </item>
          </channel>
        </rss>
        """;

    [Theory]
    [InlineData("0.91", FeedFormat.Rss09x)]
    [InlineData("0.92", FeedFormat.Rss09x)]
    [InlineData("2.0", FeedFormat.Rss20)]
    [InlineData("2.00", FeedFormat.Rss20)]
    [InlineData(null, FeedFormat.Rss20)]
    public void Parse_RssVersion_ReadsItemsAndFormat(string? version, FeedFormat format)
    {
        // Arrange
        var document = version is null ? Rss20.Replace(" version=\"2.0\"", string.Empty, StringComparison.Ordinal) : Rss20.Replace("\"2.0\"", $"\"{version}\"", StringComparison.Ordinal);

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(format, feed.Format);
        Assert.Equal("Lab blog", feed.Title);
        Assert.Equal("https://lab.example/", feed.Link);
        Assert.Equal(TimeSpan.FromMinutes(60), feed.Ttl);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("First post", first.Title);
        Assert.Equal("https://lab.example/first", first.Link);
        Assert.Equal("post-1", first.Id);
        Assert.Equal("Summary one", first.Summary);
        Assert.Equal(["ml"], first.Categories);
        Assert.Equal(new DateTimeOffset(2003, 6, 10, 4, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Null(feed.Items[1].PublishedAt);
        Assert.False(feed.Recovered);
    }

    [Fact]
    public void Parse_Rdf10_ReadsItemsOutsideChannel()
    {
        // Arrange
        const string document = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://lab.example/">
                <title>RDF lab</title>
                <link>https://lab.example/</link>
              </channel>
              <item rdf:about="https://lab.example/a">
                <title>RDF item</title>
                <link>https://lab.example/a</link>
                <dc:date>2003-12-31T10:14:55Z</dc:date>
                <dc:creator>Ada</dc:creator>
                <dc:subject>nlp</dc:subject>
              </item>
            </rdf:RDF>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(FeedFormat.Rss10, feed.Format);
        Assert.Equal("RDF lab", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("https://lab.example/a", item.Id);
        Assert.Equal("RDF item", item.Title);
        Assert.Equal("Ada", item.Author);
        Assert.Equal(["nlp"], item.Categories);
        Assert.Equal(new DateTimeOffset(2003, 12, 31, 10, 14, 55, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Parse_Atom03_ReadsIssuedModifiedAndAlternateLink()
    {
        // Arrange
        const string document = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title>Old Atom</title>
              <link rel="alternate" type="text/html" href="https://old.example/"/>
              <entry>
                <title>Entry</title>
                <link rel="alternate" type="text/html" href="https://old.example/e1"/>
                <id>tag:old.example,2003:1</id>
                <issued>2003-12-13T18:30:02Z</issued>
                <modified>2003-12-14T18:30:02Z</modified>
                <author><name>Bob</name></author>
                <content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content>
              </entry>
            </feed>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(FeedFormat.Atom03, feed.Format);
        Assert.Equal("https://old.example/", feed.Link);
        var item = Assert.Single(feed.Items);
        Assert.Equal("https://old.example/e1", item.Link);
        Assert.Equal("tag:old.example,2003:1", item.Id);
        Assert.Equal(new DateTimeOffset(2003, 12, 13, 18, 30, 2, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new DateTimeOffset(2003, 12, 14, 18, 30, 2, TimeSpan.Zero), item.UpdatedAt);
        Assert.Equal("Bob", item.Author);
        Assert.Equal("<p>Hi</p>", item.ContentHtml);
    }

    [Fact]
    public void Parse_Atom10_ReadsEntryFieldsAndStripsXhtmlWrapper()
    {
        // Arrange
        const string document = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title type="text">Atom lab</title>
              <link rel="self" href="https://atom.example/feed"/>
              <link href="https://atom.example/"/>
              <id>urn:feed</id>
              <updated>2024-03-12T05:30:27Z</updated>
              <entry>
                <title type="html">A &lt;b&gt;bold&lt;/b&gt; claim</title>
                <link rel="replies" href="https://atom.example/e1#comments"/>
                <link rel="alternate" type="application/json" href="https://atom.example/e1.json"/>
                <link rel="alternate" type="text/html" href="https://atom.example/e1"/>
                <id>urn:e1</id>
                <published>2024-03-10T17:15:00+01:00</published>
                <updated>2024-03-11t17:15:00z</updated>
                <author><name>Grace</name></author>
                <category term="rl"/>
                <summary>Short</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Full <em>text</em></p></div></content>
              </entry>
            </feed>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(FeedFormat.Atom10, feed.Format);
        Assert.Equal("Atom lab", feed.Title);
        Assert.Equal("https://atom.example/", feed.Link);
        var item = Assert.Single(feed.Items);
        Assert.Equal("A <b>bold</b> claim", item.Title);
        Assert.Equal("https://atom.example/e1", item.Link);
        Assert.Equal("urn:e1", item.Id);
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 16, 15, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new DateTimeOffset(2024, 3, 11, 17, 15, 0, TimeSpan.Zero), item.UpdatedAt);
        Assert.Equal("Grace", item.Author);
        Assert.Equal(["rl"], item.Categories);
        Assert.Equal("Short", item.Summary);
        Assert.Equal("<p>Full <em>text</em></p>", item.ContentHtml);
    }

    [Theory]
    [InlineData("https://jsonfeed.org/version/1")]
    [InlineData("https://jsonfeed.org/version/1.1")]
    public void Parse_JsonFeed_ReadsItems(string version)
    {
        // Arrange
        var document = $$"""
            {
              "version": "{{version}}",
              "title": "JSON lab",
              "home_page_url": "https://json.example/",
              "authors": [{ "name": "Feed Author" }],
              "items": [
                {
                  "id": "1",
                  "title": "JSON item",
                  "url": "/posts/1",
                  "content_html": "<p>Hello</p>",
                  "summary": "Hello summary",
                  "image": "https://json.example/1.png",
                  "date_published": "2025-09-29T00:00:00",
                  "tags": ["llm", "eval"]
                },
                { "id": 2, "external_url": "https://elsewhere.example/x", "author": { "name": "Legacy" } }
              ]
            }
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(FeedFormat.JsonFeed, feed.Format);
        Assert.Equal("JSON lab", feed.Title);
        Assert.Equal("https://json.example/", feed.Link);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("1", first.Id);
        Assert.Equal("https://json.example/posts/1", first.Link);
        Assert.Equal("<p>Hello</p>", first.ContentHtml);
        Assert.Equal("Hello summary", first.Summary);
        Assert.Equal("https://json.example/1.png", first.ImageUrl);
        Assert.Equal("Feed Author", first.Author);
        Assert.Equal(["llm", "eval"], first.Categories);
        Assert.Equal(new DateTimeOffset(2025, 9, 29, 0, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal("2", feed.Items[1].Id);
        Assert.Equal("https://elsewhere.example/x", feed.Items[1].Link);
        Assert.Equal("Legacy", feed.Items[1].Author);
    }

    [Theory]
    [InlineData("https://example.org/feed.json", "application/json")]
    [InlineData("https://example.org/atom.xml", "application/atom+xml")]
    [InlineData("https://example.org/index.html", "text/html; charset=utf-8")]
    public void Parse_LyingExtensionAndContentType_SniffsRssFromBytes(string url, string contentType)
    {
        // Arrange
        var charset = contentType.Contains("charset=", StringComparison.Ordinal) ? "utf-8" : null;

        // Act
        var feed = new FeedParser().Parse(Encoding.UTF8.GetBytes(Rss20), new Uri(url), charset);

        // Assert
        Assert.Equal(FeedFormat.Rss20, feed.Format);
        Assert.Equal(2, feed.Items.Count);
    }

    [Fact]
    public void Parse_JsonServedAsXml_SniffsJsonFeed()
    {
        // Arrange
        const string document = """  {"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"a","url":"https://x.example/a"}]}""";

        // Act
        var feed = new FeedParser().Parse(Encoding.UTF8.GetBytes(document), new Uri("https://example.org/rss.xml"), "iso-8859-1");

        // Assert
        Assert.Equal(FeedFormat.JsonFeed, feed.Format);
        Assert.Equal("https://x.example/a", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Parse_NamespacedRssRoot_StillFindsItems()
    {
        // Arrange
        const string document = """
            <rss xmlns="com-wordpress:feed-additions:1" version="2.0">
              <channel><title>WP</title>
                <item><title>One</title><link>https://wp.example/1</link></item>
                <item><title>Two</title><link>https://wp.example/2</link></item>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(["One", "Two"], feed.Items.Select(i => i.Title));
        Assert.Equal("WP", feed.Title);
    }

    [Fact]
    public void Parse_SliceOfLargerBuffer_ReadsOnlyTheSlice()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("garbage" + Rss20 + "trailing garbage");
        var slice = new ReadOnlyMemory<byte>(bytes, 7, Encoding.UTF8.GetByteCount(Rss20));

        // Act
        var feed = new FeedParser().Parse(slice, FeedUrl);

        // Assert
        Assert.Equal(2, feed.Items.Count);
        Assert.False(feed.Recovered);
    }

    [Fact]
    public void Parse_ConcurrentCallsOnOneInstance_GiveTheSameResult()
    {
        // Arrange
        var parser = new FeedParser();
        var bytes = Encoding.UTF8.GetBytes(Rss20);
        var broken = Encoding.UTF8.GetBytes(Rss20.Replace("Lab blog", "Lab&nbsp;blog", StringComparison.Ordinal));

        // Act
        var titles = new string?[200];
        Parallel.For(0, titles.Length, i => titles[i] = parser.Parse(i % 2 == 0 ? bytes : broken, FeedUrl).Items[1].Title);

        // Assert
        Assert.All(titles, title => Assert.Equal("Second post", title));
    }

    [Fact]
    public void Parse_UnknownRoot_ThrowsFeedParseException()
    {
        // Arrange
        const string document = "<?xml version=\"1.0\"?><note><to>Anaïs</to></note>";

        // Act
        var exception = Assert.Throws<FeedParseException>(() => Parse(document));

        // Assert
        Assert.Contains("<note>", exception.Message, StringComparison.Ordinal);
    }
}
