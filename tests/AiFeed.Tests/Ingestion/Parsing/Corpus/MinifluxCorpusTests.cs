using AiFeed.Ingestion.Parsing;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Parsing.Corpus;

/// <summary>The parsing expectations miniflux/MANIFEST.md states, restated as assertions.</summary>
public sealed class MinifluxCorpusTests
{
    [Theory]
    [InlineData("parser/encoding_ISO-8859-1.xml", 40, "Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games")]
    [InlineData("parser/encoding_WINDOWS-1251.xml", 50, "Цитата #17703")]
    [InlineData("parser/no_encoding_ISO-8859-1.xml", 10, "Perturbateurs endocriniens : quels effets sur le cerveau ?")]
    [InlineData("parser/large_atom.xml", 25, "Using vale with vim")]
    [InlineData("parser/large_rss.xml", 25, "Using vale with vim")]
    [InlineData("parser/small_atom.xml", 20, "Parse podcast categories")]
    [InlineData("parser/rdf_UTF8.xml", 60, "OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen")]
    [InlineData("parser/urdu_UTF8.xml", 26, "امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی")]
    [InlineData("encoding/koi8r.xml", 2, "Первая новость")]
    [InlineData("xml/koi8r.xml", 2, "Первая новость")]
    public void Parse_MinifluxParserFeed_YieldsManifestCountAndFirstTitle(string file, int count, string firstTitle)
    {
        // Arrange
        var path = TestEnvironment.CorpusPath(Path.Combine("miniflux", file));

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed"));

        // Assert
        Assert.Equal(count, feed.Items.Count);
        Assert.Equal(firstTitle, feed.Items[0].Title);
    }

    [Fact]
    public void Parse_HeiseRdfWithoutDates_LeavesPublishedAtNull()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("miniflux/parser/rdf_UTF8.xml");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://www.heise.de/newsticker/heise.rdf"));

        // Assert
        Assert.All(feed.Items, item => Assert.Null(item.PublishedAt));
        Assert.Equal("https://www.heise.de/newsticker/meldung/OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html?wt_mc=rss.ho.beitrag.rdf", feed.Items[0].Link);
    }

    [Theory]
    [InlineData("encoding/utf8.xml", null, "Café")]
    [InlineData("encoding/iso-8859-1.xml", null, "Café")]
    [InlineData("encoding/iso-8859-1.xml", "ISO-8859-1", "Café")]
    [InlineData("encoding/windows-1252.xml", null, "Euro €")]
    [InlineData("encoding/invalid-prolog.xml", null, "Café")]
    [InlineData("encoding/utf8-incorrect-prolog.xml", null, "Café")]
    [InlineData("encoding/windows-1252-incorrect-prolog.xml", null, "Euro €")]
    [InlineData("encoding/koi8r.xml", "KOI8-R", "Пример RSS ленты")]
    public void Parse_MinifluxEncodingCase_DecodesExpectedText(string file, string? charset, string expected)
    {
        // Arrange
        var path = TestEnvironment.CorpusPath(Path.Combine("miniflux", file));

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed"), charset);

        // Assert
        var texts = feed.Items.Select(i => i.Title).Prepend(feed.Title);
        Assert.Contains(expected, texts);
    }

    [Fact]
    public void Parse_KoiFeed_KeepsCyrillicDescriptionText()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("miniflux/encoding/koi8r.xml");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed"), "KOI8-R");

        // Assert
        Assert.Contains("Привет мир! Ёжик, чай, Москва, Санкт-Петербург.", feed.Items[0].Summary, StringComparison.Ordinal);
        Assert.Contains("Проверка специальных символов", feed.Items[1].Summary, StringComparison.Ordinal);
        Assert.Equal("http://example.com/post1", feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 10, 0, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
    }

    [Theory]
    [InlineData("xml/iso88591.xml")]
    [InlineData("xml/iso88591_utf8_mismatch.xml")]
    [InlineData("encoding/utf8.html")]
    [InlineData("encoding/iso-8859-1-meta-after-1024.html")]
    [InlineData("sanitizer/miniflux_github.html")]
    public void Parse_MinifluxNonFeed_ThrowsFeedParseException(string file)
    {
        // Arrange
        var path = TestEnvironment.CorpusPath(Path.Combine("miniflux", file));

        // Act
        var exception = Record.Exception(() => new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/")));

        // Assert
        Assert.IsType<FeedParseException>(exception);
    }
}
