using AiFeed.Catalog;
using static AiFeed.Tests.Catalog.CatalogAssert;

namespace AiFeed.Tests.Catalog;

public sealed class TaxonomyValidationTests
{
    [Fact]
    public void Parse_ValidTaxonomy_ReadsTags()
    {
        // Arrange
        var json = """
            { "feeds": [],
              "taxonomy": { "tags": [
                { "name": "llm", "label": "LLMs", "keywords": ["gpt*", "language model*"] },
                { "name": "evaluation", "regexes": ["\\b\\w+bench\\b"], "fields": ["title", "source"] } ] } }
            """;

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var tags = result.Catalog!.Taxonomy.Tags;
        Assert.Equal(["llm", "evaluation"], tags.Select(t => t.Name));
        Assert.Equal("LLMs", tags[0].Label);
        Assert.Equal(TagFields.Default, tags[0].Fields);
        Assert.Equal("evaluation", tags[1].Label);
        Assert.Equal(TagFields.Title | TagFields.Source, tags[1].Fields);
        Assert.Equal(Taxonomy.RegexTimeout, tags[1].Patterns[0].MatchTimeout);
    }

    [Fact]
    public void Parse_InvalidRegex_ReportsPosition()
    {
        // Arrange
        var json = """{ "feeds": [], "taxonomy": { "tags": [ { "name": "x", "regexes": ["(unclosed"] } ] } }""";

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("feeds.json:1:67: taxonomy.tags[0].regexes[0]: invalid regex:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "Bad Name", "keywords": ["x"] }""", "feeds.json:1:50: taxonomy.tags[0].name: 'Bad Name' is not a tag name (lower-case letters and digits in words joined by single hyphens)")]
    [InlineData("""{ "name": "x" }""", "feeds.json:1:40: taxonomy.tags[0]: needs keywords or regexes")]
    [InlineData("""{ "name": "x", "keywords": ["a*b"] }""", "feeds.json:1:68: taxonomy.tags[0].keywords[0]: 'a*b': * may only end the keyword")]
    [InlineData("""{ "name": "x", "keywords": ["--"] }""", "feeds.json:1:68: taxonomy.tags[0].keywords[0]: '--' has no letters or digits")]
    [InlineData("""{ "name": "x", "keywords": ["a"], "fields": ["body"] }""", "feeds.json:1:85: taxonomy.tags[0].fields[0]: 'body' is not a field (title, summary, categories, source)")]
    [InlineData("""{ "name": "x", "keywords": ["a"], "colour": 1 }""", "feeds.json:1:74: taxonomy.tags[0].colour: unknown key")]
    public void Parse_BadTag_ReportsPositionedError(string tag, string expected)
    {
        // Arrange
        var json = "{ \"feeds\": [], \"taxonomy\": { \"tags\": [ " + tag + " ] } }";

        // Act & Assert
        SingleError(json, expected);
    }

    [Fact]
    public void Parse_DuplicateTagName_PointsAtFirst()
    {
        // Arrange
        var json = """{ "feeds": [], "taxonomy": { "tags": [ { "name": "x", "keywords": ["a"] }, { "name": "x", "keywords": ["b"] } ] } }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:86: taxonomy.tags[1].name: duplicate tag 'x' (first at feeds.json:1:50)");
    }

    [Fact]
    public void Load_ShippedFeedsJson_HasTheDefaultTaxonomy()
    {
        // Act
        var result = CatalogLoader.Load(Path.Combine(Infrastructure.TestEnvironment.RepositoryRoot, "feeds.json"));

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(
            ["llm", "agents", "multimodal", "speech-audio", "reinforcement-learning", "robotics", "safety", "interpretability", "evaluation", "open-models", "research-papers", "infrastructure", "policy"],
            result.Catalog!.Taxonomy.Tags.Select(t => t.Name));
    }
}
