using System.Text;
using static AiFeed.Tests.Ingestion.Parsing.FeedParserTestData;

namespace AiFeed.Tests.Ingestion.Parsing;

public sealed class FeedParserEncodingTests
{
    static FeedParserEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Rss(string declaration, string title) =>
        $"{declaration}<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title}</title><link>https://e.example/1</link></item></channel></rss>";

    [Fact]
    public void Parse_Windows1252Declared_DecodesEuroAndQuotes()
    {
        // Arrange
        var bytes = Encoding.GetEncoding(1252).GetBytes(Rss("<?xml version=\"1.0\" encoding=\"windows-1252\"?>", "Euro € “quoted” café"));

        // Act
        var feed = Parse(bytes);

        // Assert
        Assert.Equal("Euro € “quoted” café", feed.Items[0].Title);
        Assert.False(feed.Recovered);
    }

    [Fact]
    public void Parse_Latin1BytesMislabelledAsUtf8_FallsBackToWindows1252()
    {
        // Arrange
        var bytes = Encoding.Latin1.GetBytes(Rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "Café"));

        // Act
        var feed = Parse(bytes);

        // Assert
        Assert.Equal("Café", feed.Items[0].Title);
        Assert.True(feed.Recovered);
    }

    [Fact]
    public void Parse_Utf8BytesUnderLatin1Prolog_DecodesAsUtf8()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(Rss("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "Café"));

        // Act
        var feed = Parse(bytes);

        // Assert
        Assert.Equal("Café", feed.Items[0].Title);
    }

    [Theory]
    [InlineData("utf-16LE", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16LE", false)]
    [InlineData("utf-32LE", true)]
    public void Parse_WideEncoding_DecodesWithOrWithoutBom(string encodingName, bool bom)
    {
        // Arrange
        var encoding = Encoding.GetEncoding(encodingName);
        var body = encoding.GetBytes(Rss("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "Ünïcödé ✓"));
        var bytes = bom ? [.. encoding.GetPreamble(), .. body] : body;

        // Act
        var feed = Parse(bytes);

        // Assert
        Assert.Equal("Ünïcödé ✓", feed.Items[0].Title);
    }

    [Fact]
    public void Parse_Utf8Bom_IsSkipped()
    {
        // Arrange
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Rss("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "Bom ✓"))];

        // Act
        var feed = Parse(bytes);

        // Assert
        Assert.Equal("Bom ✓", feed.Items[0].Title);
        Assert.False(feed.Recovered);
    }

    [Fact]
    public void Parse_HttpCharsetWithoutDeclaration_UsesHttpCharset()
    {
        // Arrange
        var bytes = Encoding.GetEncoding("koi8-r").GetBytes(Rss(string.Empty, "Привет"));

        // Act
        var feed = Parse(bytes, "koi8-r");

        // Assert
        Assert.Equal("Привет", feed.Items[0].Title);
    }

    [Theory]
    [InlineData("windows-1251", "Цитата")]
    [InlineData("gb2312", "中文标题")]
    [InlineData("shift_jis", "日本語")]
    public void Parse_LegacyCodePageDeclared_Decodes(string charset, string title)
    {
        // Arrange
        var bytes = Encoding.GetEncoding(charset).GetBytes(Rss($"<?xml version=\"1.0\" encoding=\"{charset}\"?>", title));

        // Act
        var feed = Parse(bytes);

        // Assert
        Assert.Equal(title, feed.Items[0].Title);
    }

    [Fact]
    public void Parse_InvalidEncodingName_FallsBack()
    {
        // Arrange
        var bytes = Encoding.Latin1.GetBytes(Rss("<?xml version=\"1.0\" encoding=\"no-such-charset\"?>", "Café"));

        // Act
        var feed = Parse(bytes, "also-bogus");

        // Assert
        Assert.Equal("Café", feed.Items[0].Title);
    }
}
