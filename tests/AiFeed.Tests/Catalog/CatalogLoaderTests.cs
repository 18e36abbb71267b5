using AiFeed.Catalog;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Catalog.CatalogAssert;

namespace AiFeed.Tests.Catalog;

public sealed class CatalogLoaderTests
{
    [Fact]
    public void Parse_MinimalFile_AppliesSourceDefaults()
    {
        // Arrange
        var json = """{ "feeds": [ { "id": "a", "name": "A", "url": "https://a.example/feed" } ] }""";

        // Act
        var catalog = Valid(json);

        // Assert
        var source = Assert.Single(catalog.Sources);
        Assert.Equal(new SourceDefinition { Id = "a", Name = "A", Url = "https://a.example/feed" }, source with { Tags = [] });
        Assert.Empty(source.Tags);
        Assert.Equal(1, source.Weight);
        Assert.Null(source.PollInterval);
        Assert.True(source.Enabled);
        Assert.Equal(new CatalogDefaults(), catalog.Defaults);
    }

    [Fact]
    public void Parse_FullFile_ReadsEveryField()
    {
        // Arrange
        var json = """
            {
              "$schema": "./feeds.schema.json",
              "defaults": { "pollInterval": "00:45:00", "userAgent": "Test/2.0", "maxBodyBytes": 2048,
                            "requestTimeout": "00:01:00", "maxConcurrency": 3, "maxConcurrencyPerHost": 1,
                            "maxBackoff": "2.00:00:00", "maxItemsPerFeed": 50 },
              "feeds": [
                { "id": "openai", "name": "OpenAI News", "url": "https://openai.com/news/rss.xml", "site": "https://openai.com/news",
                  "tags": ["llm", "lab"], "weight": 1.5, "pollInterval": "1.02:03:04", "enabled": false }
              ]
            }
            """;

        // Act
        var catalog = Valid(json);

        // Assert
        Assert.Equal(
            new CatalogDefaults
            {
                PollInterval = TimeSpan.FromMinutes(45),
                UserAgent = "Test/2.0",
                MaxBodyBytes = 2048,
                RequestTimeout = TimeSpan.FromMinutes(1),
                MaxConcurrency = 3,
                MaxConcurrencyPerHost = 1,
                MaxBackoff = TimeSpan.FromDays(2),
                MaxItemsPerFeed = 50,
            },
            catalog.Defaults);
        var source = Assert.Single(catalog.Sources);
        Assert.Equal("openai", source.Id);
        Assert.Equal("OpenAI News", source.Name);
        Assert.Equal("https://openai.com/news/rss.xml", source.Url);
        Assert.Equal("https://openai.com/news", source.Site);
        Assert.Equal(["llm", "lab"], source.Tags);
        Assert.Equal(1.5, source.Weight);
        Assert.Equal(new TimeSpan(1, 2, 3, 4), source.PollInterval);
        Assert.False(source.Enabled);
        Assert.Same(source, catalog.Find("openai"));
    }

    [Fact]
    public void Parse_CommentsTrailingCommasAndByteOrderMark_AreAccepted()
    {
        // Arrange
        var json = "\uFEFF" + """
            // Operators annotate the file.
            {
              /* Block comments too. */
              "feeds": [
                { "id": "a", "name": "A", "url": "https://a.example/", "tags": ["x",], }, // trailing
              ],
            }
            """;

        // Act
        var catalog = Valid(json);

        // Assert
        Assert.Equal(["x"], Assert.Single(catalog.Sources).Tags);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsOneErrorAtReaderPosition()
    {
        // Arrange
        var json = """
            {
              "feeds": [
                { "id": "a" "name": "A" }
              ]
            }
            """;

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.Null(result.Catalog);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, 17), (error.Line, error.Column));
        Assert.StartsWith("invalid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("{ \"feeds\": [] } x", 1, 17)]
    [InlineData("{\n  \"feeds\": [\n", 3, 1)]
    public void Parse_NotJson_ReportsInvalidJson(string json, int line, int column)
    {
        // Arrange & Act
        var error = Assert.Single(CatalogLoader.Parse(json, FileName).Errors);

        // Assert
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith("invalid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RootNotObject_NamesExpectedType()
    {
        // Arrange
        var json = """  [ ]""";

        // Act & Assert
        SingleError(json, "feeds.json:1:3: expected an object, found an array");
    }

    [Fact]
    public void Parse_FeedsMissing_ReportsRootStart()
    {
        // Arrange
        var json = """{ "$schema": "./feeds.schema.json" }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:1: missing required key 'feeds'");
    }

    [Fact]
    public void Parse_FeedsNotArray_NamesExpectedType()
    {
        // Arrange
        var json = """{ "feeds": { } }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:12: feeds: expected an array, found an object");
    }

    [Fact]
    public void Parse_TaxonomyWithoutTags_KeepsTheShippedTags()
    {
        // Arrange
        var json = """{ "feeds": [], "taxonomy": {} }""";

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(Taxonomy.Default.Tags, result.Catalog!.Taxonomy.Tags);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllInDocumentOrder()
    {
        // Arrange
        var json = """
            {
              "defaults": { "maxConcurrency": 0 },
              "feeds": [
                { "id": "a", "name": "A", "url": "https://a.example/", "wieght": 2 },
                { "name": "B", "url": "mailto:b@example.com" },
                { "id": "a", "name": "", "site": "https://c.example/" }
              ],
              "taxonomy": []
            }
            """;

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.Null(result.Catalog);
        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "feeds.json:2:35: defaults.maxConcurrency: 0 is out of range (1 to 64)",
                "feeds.json:4:60: feeds[0].wieght: unknown key (did you mean 'weight'?)",
                "feeds.json:5:5: feeds[1]: missing required key 'id'",
                "feeds.json:5:27: feeds[1].url: 'mailto:b@example.com' is not an absolute http(s) URL",
                "feeds.json:6:13: feeds[2].id: duplicate id 'a' (first at feeds.json:4:13)",
                "feeds.json:6:26: feeds[2].name: must not be empty",
                "feeds.json:8:15: taxonomy: expected an object, found an array",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_WideCharactersBeforeError_CountsColumnsInCharacters()
    {
        // Arrange: "é" is two UTF-8 bytes and "☕" three; the column must not count them as more than one.
        var json = """{ "feeds": [ { "name": "Café ☕", "id": "a", "url": "x" } ] }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:52: feeds[0].url: 'x' is not an absolute http(s) URL");
    }

    [Fact]
    public void Parse_WindowsLineEndings_CountsLinesOnce()
    {
        // Arrange
        var json = "{\r\n  \"feeds\": [\r\n    { \"id\": \"a\", \"name\": \"A\", \"url\": \"x\" }\r\n  ]\r\n}\r\n";

        // Act & Assert
        SingleError(json, "feeds.json:3:38: feeds[0].url: 'x' is not an absolute http(s) URL");
    }

    [Fact]
    public void Load_MissingFile_ReportsOneErrorAtStart()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"aifeed-{Guid.NewGuid():N}", "feeds.json");

        // Act
        var result = CatalogLoader.Load(path);

        // Assert
        Assert.Null(result.Catalog);
        var error = Assert.Single(result.Errors);
        Assert.Equal((path, 1, 1), (error.File, error.Line, error.Column));
        Assert.StartsWith("cannot read the catalog: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShippedCatalog_IsValidWithEnoughSources()
    {
        // Arrange
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json");

        // Act
        var result = CatalogLoader.Load(path);

        // Assert
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        var enabled = result.Catalog!.Sources.Where(s => s.Enabled).ToList();
        Assert.True(enabled.Count >= 18, $"only {enabled.Count} enabled sources");
        Assert.All(enabled, s => Assert.True(s.Url is not null || (s.Site is not null && s.Scrape is not null), $"{s.Id} has neither a feed nor scrape rules"));
        Assert.False(Assert.Single(result.Catalog.Sources, s => s.Id == "distill").Enabled);
    }
}
