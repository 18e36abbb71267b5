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
              "taxonomy": { "defaults": false, "tags": [
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
    [InlineData("""{ "name": "x" }""", "feeds.json:1:40: taxonomy.tags[0]: needs keywords, regexes or links")]
    [InlineData("""{ "name": "x", "keywords": ["@nowhere"] }""", "feeds.json:1:68: taxonomy.tags[0].keywords[0]: '@nowhere': no vocabulary list 'nowhere'")]
    [InlineData("""{ "name": "x", "links": ["/abs/"] }""", "feeds.json:1:65: taxonomy.tags[0].links[0]: '/abs/' is not a host with an optional path (e.g. arxiv.org/abs/)")]
    [InlineData("""{ "name": "x", "keywords": ["a"], "exclude": ["*"] }""", "feeds.json:1:86: taxonomy.tags[0].exclude[0]: '*' has no letters or digits")]
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
    public void Parse_NoTaxonomy_GetsTheShippedTaxonomy()
    {
        // Act
        var result = CatalogLoader.Parse("""{ "feeds": [] }""", FileName);

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Same(Taxonomy.Default, result.Catalog!.Taxonomy);
        Assert.Equal(13, result.Catalog.Taxonomy.Tags.Count);
    }

    [Fact]
    public void Parse_OwnTags_ReplaceShippedTagsByNameAndAddTheRest()
    {
        // Arrange
        var json = """
            { "feeds": [],
              "taxonomy": {
                "vocabulary": { "language-models": ["zorblax"] },
                "tags": [
                  { "name": "quantum", "label": "Quantum", "keywords": ["qubit*"] },
                  { "name": "policy", "keywords": ["ordinance"] } ] } }
            """;

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var taxonomy = result.Catalog!.Taxonomy;
        Assert.Equal([.. Taxonomy.Default.Tags.Select(t => t.Name), "quantum"], taxonomy.Tags.Select(t => t.Name));
        Assert.Equal(["ordinance"], taxonomy.Tags.Single(t => t.Name == "policy").Keywords);
        Assert.Equal(["zorblax"], taxonomy.Vocabulary["language-models"]);
        Assert.Equal(Taxonomy.Default.Vocabulary["benchmarks"], taxonomy.Vocabulary["benchmarks"]);
    }

    [Fact]
    public void Parse_DefaultsFalse_OnlyOwnTagsAndVocabulary()
    {
        // Arrange
        var json = """{ "feeds": [], "taxonomy": { "defaults": false, "tags": [ { "name": "quantum", "keywords": ["qubit*"] } ] } }""";

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(["quantum"], result.Catalog!.Taxonomy.Tags.Select(t => t.Name));
        Assert.Empty(result.Catalog.Taxonomy.Vocabulary);
    }

    [Fact]
    public void Parse_ShippedVocabularyReference_ResolvesInOwnTags()
    {
        // Arrange
        var json = """{ "feeds": [], "taxonomy": { "tags": [ { "name": "open-llm", "keywords": ["@open-weight-models"] } ] } }""";

        // Act
        var result = CatalogLoader.Parse(json, FileName);

        // Assert
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
    }

    [Fact]
    public void Default_ShippedTaxonomy_ValidAndComplete()
    {
        // Act
        var taxonomy = Taxonomy.Default;

        // Assert: every reference resolves (the load would have thrown otherwise) and every tag has rules.
        Assert.Equal(
            ["llm", "agents", "multimodal", "speech-audio", "reinforcement-learning", "robotics", "safety", "interpretability", "evaluation", "open-models", "research-papers", "infrastructure", "policy"],
            taxonomy.Tags.Select(t => t.Name));
        Assert.All(taxonomy.Tags, t => Assert.NotEmpty(taxonomy.ExpandKeywords(t.Keywords)));
        Assert.All(taxonomy.Tags.SelectMany(t => t.Keywords).Where(k => k.StartsWith('@')), k => Assert.True(taxonomy.Vocabulary.ContainsKey(k[1..]), k));
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
