using static AiFeed.Tests.Catalog.CatalogAssert;

namespace AiFeed.Tests.Catalog;

public sealed class SourceValidationTests
{
    // Each source sits on line 3; the first value of every checked key starts at a column noted in the test.
    private static string Catalog(string source) => $$"""
        {
          "feeds": [
            {{source}}
          ]
        }
        """;

    [Fact]
    public void Url_NotHttp_ReportsValuePosition()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "htp://x" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:38: feeds[0].url: 'htp://x' is not an absolute http(s) URL");
    }

    [Theory]
    [InlineData("ftp://example.com/feed")]
    [InlineData("/feed.xml")]
    [InlineData("https://example.com/a feed")]
    [InlineData("https:///feed.xml")]
    public void Site_NotAbsoluteHttp_IsRejected(string site)
    {
        // Arrange
        var json = Catalog($$"""{ "id": "a", "name": "A", "site": "{{site}}" }""");

        // Act & Assert
        SingleError(json, $"feeds.json:3:39: feeds[0].site: '{site}' is not an absolute http(s) URL");
    }

    [Fact]
    public void Source_WithoutUrlOrSite_ReportsObjectStart()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:5: feeds[0]: needs a url (or a site)");
    }

    [Fact]
    public void Source_WithOnlySite_IsValid()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "site": "https://example.com/" }""");

        // Act
        var catalog = Valid(json);

        // Assert
        Assert.Null(catalog.Sources[0].Url);
        Assert.Equal("https://example.com/", catalog.Sources[0].Site);
    }

    [Fact]
    public void Source_WithoutIdAndName_ReportsBothAtObjectStart()
    {
        // Arrange
        var json = Catalog("""{ "url": "https://example.com/feed" }""");

        // Act & Assert
        Assert.Equal(
            [
                "feeds.json:3:5: feeds[0]: missing required key 'id'",
                "feeds.json:3:5: feeds[0]: missing required key 'name'",
            ],
            Errors(json));
    }

    [Theory]
    [InlineData("Open-AI")]
    [InlineData("open_ai")]
    [InlineData("open--ai")]
    [InlineData("-openai")]
    [InlineData("")]
    public void Id_NotSlug_IsRejected(string id)
    {
        // Arrange
        var json = Catalog($$"""{ "id": "{{id}}", "name": "A", "url": "https://a.example/" }""");

        // Act & Assert
        SingleError(json, $"feeds.json:3:13: feeds[0].id: '{id}' is not a slug (lower-case letters and digits in words joined by single hyphens)");
    }

    [Fact]
    public void Id_LongerThan64_IsRejected()
    {
        // Arrange
        var id = new string('a', 65);
        var json = Catalog($$"""{ "id": "{{id}}", "name": "A", "url": "https://a.example/" }""");

        // Act & Assert
        SingleError(json, $"feeds.json:3:13: feeds[0].id: '{id}' is longer than 64 characters");
    }

    [Fact]
    public void Id_NotString_NamesExpectedType()
    {
        // Arrange
        var json = Catalog("""{ "id": 7, "name": "A", "url": "https://a.example/" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:13: feeds[0].id: expected a string, found a number");
    }

    [Fact]
    public void Id_Duplicate_ReportsSecondWithFirstPosition()
    {
        // Arrange
        var json = """
            {
              "feeds": [
                { "id": "openai", "name": "A", "url": "https://a.example/" },
                { "id": "other", "name": "B", "url": "https://b.example/" },
                    { "id": "openai", "name": "C", "url": "https://c.example/" }
              ]
            }
            """;

        // Act & Assert
        SingleError(json, "feeds.json:5:17: feeds[2].id: duplicate id 'openai' (first at feeds.json:3:13)");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Name_Empty_IsRejected(string name)
    {
        // Arrange
        var json = Catalog($$"""{ "id": "a", "name": {{name}}, "url": "https://a.example/" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:26: feeds[0].name: must not be empty");
    }

    [Theory]
    [InlineData("0", "0 is out of range (greater than 0, at most 100)")]
    [InlineData("-1", "-1 is out of range (greater than 0, at most 100)")]
    [InlineData("100.5", "100.5 is out of range (greater than 0, at most 100)")]
    [InlineData("\"2\"", "expected a number, found a string")]
    public void Weight_Invalid_IsRejected(string weight, string message)
    {
        // Arrange
        var json = Catalog($$"""{ "id": "a", "name": "A", "url": "https://a.example/", "weight": {{weight}} }""");

        // Act & Assert
        SingleError(json, $"feeds.json:3:70: feeds[0].weight: {message}");
    }

    [Theory]
    [InlineData("00:00:59", "'00:00:59' is out of range (00:01:00 to 7.00:00:00)")]
    [InlineData("7.00:00:01", "'7.00:00:01' is out of range (00:01:00 to 7.00:00:00)")]
    [InlineData("1h", "'1h' is not a duration in the form hh:mm:ss or d.hh:mm:ss")]
    [InlineData("30", "'30' is not a duration in the form hh:mm:ss or d.hh:mm:ss")]
    [InlineData("00:61:00", "'00:61:00' is not a duration in the form hh:mm:ss or d.hh:mm:ss")]
    public void PollInterval_Invalid_IsRejected(string interval, string message)
    {
        // Arrange
        var json = Catalog($$"""{ "id": "a", "name": "A", "url": "https://a.example/", "pollInterval": "{{interval}}" }""");

        // Act & Assert
        SingleError(json, $"feeds.json:3:76: feeds[0].pollInterval: {message}");
    }

    [Fact]
    public void Enabled_NotBoolean_NamesExpectedType()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "enabled": "no" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:71: feeds[0].enabled: expected a boolean, found a string");
    }

    [Fact]
    public void Tags_EmptyOrNotString_ReportsEachItem()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "tags": ["llm", " ", 3] }""");

        // Act & Assert
        Assert.Equal(
            [
                "feeds.json:3:76: feeds[0].tags[1]: must not be empty",
                "feeds.json:3:81: feeds[0].tags[2]: expected a string, found a number",
            ],
            Errors(json));
    }

    [Fact]
    public void Tags_MixedCaseAndRepeated_AreNormalised()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "tags": ["LLM", "Lab", "llm", " research "] }""");

        // Act
        var catalog = Valid(json);

        // Assert
        Assert.Equal(["llm", "lab", "research"], catalog.Sources[0].Tags);
    }

    [Fact]
    public void UnknownKey_CloseToKnown_SuggestsIt()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "pollIntreval": "01:00:00" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:60: feeds[0].pollIntreval: unknown key (did you mean 'pollInterval'?)");
    }

    [Fact]
    public void UnknownKey_Unrelated_HasNoSuggestion()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "colour": "red" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:60: feeds[0].colour: unknown key");
    }

    [Fact]
    public void Scrape_WithoutSite_ReportsAtScrapeKey()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "scrape": { "item": "article" } }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:60: feeds[0].scrape: needs the source's site (the listing page the rules read)");
    }

    [Fact]
    public void Key_Repeated_ReportsSecondWithFirstPosition()
    {
        // Arrange
        var json = Catalog("""{ "id": "a", "name": "A", "url": "https://a.example/", "name": "B" }""");

        // Act & Assert
        SingleError(json, "feeds.json:3:60: feeds[0].name: duplicate key (first at feeds.json:3:18)");
    }

    [Fact]
    public void FeedsItem_NotObject_NamesExpectedType()
    {
        // Arrange
        var json = Catalog("""  "https://a.example/feed" """);

        // Act & Assert
        SingleError(json, "feeds.json:3:7: feeds[0]: expected an object, found a string");
    }
}
