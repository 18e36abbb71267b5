using System.Globalization;
using System.Text;
using AiFeed.Ingestion.Parsing;
using static AiFeed.Tests.Ingestion.Parsing.FeedParserTestData;

namespace AiFeed.Tests.Ingestion.Parsing;

public sealed class FeedParserRecoveryTests
{
    private const string Items = """
        <item><title>One</title><link>https://e.example/1</link></item>
        <item><title>Two</title><link>https://e.example/2</link></item>
        """;

    [Fact]
    public void Parse_UndeclaredHtmlEntities_DecodesThem()
    {
        // Arrange
        const string document = """
            <rss version="2.0"><channel><title>A&nbsp;B</title>
            <item><title>It&rsquo;s here &mdash; now&hellip;</title><link>https://e.example/1</link></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("A\u00a0B", feed.Title);
        Assert.Equal("It\u2019s here \u2014 now\u2026", feed.Items[0].Title);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_BareAmpersand_KeepsItAsText()
    {
        // Arrange
        const string document = """
            <rss version="2.0"><channel><title>R&D</title>
            <item><title>Q&A: tips & tricks</title><link>https://e.example/?a=1&b=2</link></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("R&D", feed.Title);
        Assert.Equal("Q&A: tips & tricks", feed.Items[0].Title);
        Assert.Equal("https://e.example/?a=1&b=2", feed.Items[0].Link);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_WhitespaceBeforeDeclaration_Parses()
    {
        // Arrange
        var document = "\n\n   <?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>" + Items + "</channel></rss>";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(2, feed.Items.Count);
    }

    [Fact]
    public void Parse_TruncatedDocument_KeepsCompleteItems()
    {
        // Arrange
        var document = "<rss version=\"2.0\"><channel><title>Cut</title>" + Items + "<item><title>Three</title><link>https://e.exa";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(["One", "Two"], feed.Items.Select(i => i.Title));
        Assert.Equal("Cut", feed.Title);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_TruncatedAtomDocument_KeepsCompleteEntries()
    {
        // Arrange
        const string document = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Cut</title>
            <entry><title>One</title><link href="https://e.example/1"/></entry>
            <entry><title>Two</title><link href="https://e.exa
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("One", Assert.Single(feed.Items).Title);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_IllegalControlCharacters_AreDropped()
    {
        // Arrange
        var document = "<rss version=\"2.0\"><channel><item><title>Bad\u000Bchar\u0001s</title><link>https://e.example/1</link></item></channel></rss>";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("Badchars", feed.Items[0].Title);
        Assert.True(feed.Recovered);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html lang=en><head><title>Blog</title></head><body><p>Hi</body></html>")]
    [InlineData("<html><head><title>Blog</title></head><body></body></html>")]
    [InlineData("<!doctype HTML>\n<html>")]
    [InlineData("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>")]
    [InlineData("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>")]
    public void Parse_HtmlPage_ThrowsFeedParseException(string page)
    {
        // Arrange
        // Act
        var exception = Assert.Throws<FeedParseException>(() => Parse(page));

        // Assert
        Assert.Equal("the response is an HTML page, not a feed", exception.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t ")]
    public void Parse_EmptyBody_ThrowsFeedParseException(string body)
    {
        // Arrange
        // Act
        var exception = Assert.Throws<FeedParseException>(() => Parse(body));

        // Assert
        Assert.Equal("the response body is empty", exception.Message);
    }

    [Fact]
    public void Parse_BrokenBeyondRepairWithNoItem_ThrowsWithPosition()
    {
        // Arrange
        const string document = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>x</titl";

        // Act
        var exception = Assert.Throws<FeedParseException>(() => Parse(document));

        // Assert
        Assert.StartsWith("not well-formed XML at line 2, column", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("and no complete item could be recovered", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndeclaredMediaPrefix_DeclaresItAndReadsThumbnail()
    {
        // Arrange
        const string document = """
            <rss version="2.0"><channel>
              <item><title>A</title><link>https://e.example/a</link><media:thumbnail url="https://e.example/a.jpg"/><itunes:subtitle>x</itunes:subtitle></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("https://e.example/a.jpg", Assert.Single(feed.Items).ImageUrl);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_XmlDeclarationAfterComment_IsDropped()
    {
        // Arrange
        const string document = "<!-- generated -->\n<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>" + Items + "</channel></rss>";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(2, feed.Items.Count);
    }

    [Fact]
    public void Parse_HtmlDoctypeInFrontOfRss_IsStillAFeed()
    {
        // Arrange
        const string document = "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://site.invalid/\"><rss><channel><title>found</title></channel></rss>";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("found", feed.Title);
    }

    [Fact]
    public void Parse_ChannelCompleteButRootEndTagCut_KeepsTitleWithNoItems()
    {
        // Arrange
        const string document = "<rss version=\"2.0\"><channel><title>Only</title><link>https://e.example/</link></channel></rss";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal("Only", feed.Title);
        Assert.Empty(feed.Items);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_CommentOnly_ThrowsNoRootElement()
    {
        // Arrange
        // Act
        var exception = Assert.Throws<FeedParseException>(() => Parse("<!-- nothing here -->\n"));

        // Assert
        Assert.Equal("the document has no root element, so it is not a feed", exception.Message);
    }

    [Fact]
    public void Parse_PlainText_ThrowsFeedParseException()
    {
        // Arrange
        // Act
        var exception = Assert.Throws<FeedParseException>(() => Parse("404 page not found"));

        // Assert
        Assert.Contains("neither XML nor JSON", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BillionLaughs_DoesNotExpandEntities()
    {
        // Arrange
        var builder = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        builder.Append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (var i = 2; i <= 9; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"").Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">\n");
        }

        builder.Append("]>\n<rss version=\"2.0\"><channel><item><title>&lol9;</title><link>https://e.example/1</link></item></channel></rss>");

        // Act
        var feed = Parse(builder.ToString());

        // Assert
        var title = Assert.Single(feed.Items).Title;
        Assert.True((title?.Length ?? 0) < 100, "the entity was expanded");
    }

    [Fact]
    public void Parse_ExternalEntity_IsNotResolved()
    {
        // Arrange
        const string document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&xxe;</title><link>https://e.example/1</link></item></channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.DoesNotContain("root:", Assert.Single(feed.Items).Title ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WellFormedRss20_ReadsInOnePassWithoutRepair()
    {
        // Arrange
        var document = "<rss version=\"2.0\"><channel><title>ok</title>" + Items + "</channel></rss>";

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(2, feed.Items.Count);
        Assert.False(feed.Recovered);
        Assert.Null(feed.Warning);
    }

    [Fact]
    public void Parse_Rss20WithModules_ReadsThemInTheStrictPass()
    {
        // Arrange
        const string document = """
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
              <channel><title>Mods</title><dc:language>en</dc:language><ttl>30</ttl>
                <item><title>A</title><link>https://m.example/1</link><dc:creator>Ada</dc:creator><dc:date>2003-12-31T10:14:55Z</dc:date>
                  <content:encoded><![CDATA[<p>x</p>]]></content:encoded><media:thumbnail url="https://m.example/t.jpg"/></item>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        var item = Assert.Single(feed.Items);
        Assert.Equal("Ada", item.Author);
        Assert.Equal("<p>x</p>", item.ContentHtml);
        Assert.Equal("https://m.example/t.jpg", item.ImageUrl);
        Assert.Equal(new DateTimeOffset(2003, 12, 31, 10, 14, 55, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(TimeSpan.FromMinutes(30), feed.Ttl);
        Assert.False(feed.Recovered);
    }

    [Fact]
    public void Parse_Rss20ManagingEditor_IsTheAuthorOfItemsThatNameNone()
    {
        // Arrange
        const string document = """
            <rss version="2.0"><channel><title>Desk</title><managingEditor><![CDATA[desk@news.example]]></managingEditor>
              <item><title>A</title><link>https://n.example/1</link></item>
              <item><title>B</title><link>https://n.example/2</link><author>ada@news.example (Ada)</author></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal(["desk@news.example", "ada@news.example (Ada)"], feed.Items.Select(i => i.Author));
    }

    [Fact]
    public void Parse_AtomAuthorWithOnlyAUri_HasNoAuthorName()
    {
        // Arrange
        const string document = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
              <entry><title>A</title><link href="https://a.example/1"/><id>urn:a:1</id><updated>2024-01-01T00:00:00Z</updated>
                <author><uri>https://a.example/about</uri></author></entry>
              <entry><title>B</title><link href="https://a.example/2"/><id>urn:a:2</id><updated>2024-01-01T00:00:00Z</updated>
                <author><name>Bea</name><uri>https://a.example/bea</uri></author></entry>
            </feed>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        Assert.Equal([null, "Bea"], feed.Items.Select(i => i.Author));
    }

    [Fact]
    public void Parse_EnclosureLengthThatIsNoNumber_StillParses()
    {
        // Arrange
        const string document = """
            <rss version="2.0"><channel><item><title>Pod</title><link>https://e.example/1</link>
            <enclosure url="https://e.example/1.png" length="12 MB" type="image/png"/></item></channel></rss>
            """;

        // Act
        var feed = Parse(document);

        // Assert
        var item = Assert.Single(feed.Items);
        Assert.Equal("https://e.example/1.png", item.ImageUrl);
        Assert.False(feed.Recovered);
    }
}
