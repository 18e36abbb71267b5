using System.Text.Json;
using System.Text.Json.Nodes;
using AiFeed.Catalog;
using AiFeed.Tests.Infrastructure;
using Json.Schema;

namespace AiFeed.Tests.Catalog;

/// <summary>feeds.schema.json is what the generator makes of the key tables, and agrees with the validator.</summary>
public sealed class CatalogSchemaTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // Built once: the library registers a schema under its $id process-wide and refuses a second.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static string SchemaPath => Path.Combine(TestEnvironment.RepositoryRoot, CatalogSchema.FileName);

    [Fact]
    public void SchemaFile_InRepository_IsTheGeneratedSchema()
    {
        // Arrange
        var generated = CatalogSchema.Generate();

        // Act
        var committed = File.ReadAllText(SchemaPath).ReplaceLineEndings("\n");

        // Assert
        Assert.True(
            string.Equals(generated, committed, StringComparison.Ordinal),
            $"{CatalogSchema.FileName} is out of date: run 'dotnet run --project src/AiFeed -- schema --output {CatalogSchema.FileName}'");
    }

    [Fact]
    public void Schema_Properties_AreExactlyTheValidatorKeys()
    {
        // Act
        var schema = JsonNode.Parse(CatalogSchema.Generate())!;

        // Assert
        Assert.Equal(Sorted(CatalogLoader.RootKeys.Keys), Sorted(Keys(schema)));
        Assert.Equal(Sorted(DefaultsValidator.Keys.Keys), Sorted(Keys(schema["properties"]!["defaults"]!)));
        Assert.Equal(Sorted(SourceValidator.Keys.Keys), Sorted(Keys(schema["properties"]!["feeds"]!["items"]!)));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void ShippedFeedsJson_AgainstSchema_ValidAndReferencesIt()
    {
        // Arrange
        var schema = Schema.Value;
        using var feeds = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json")), Lenient);

        // Act
        var result = schema.Evaluate(feeds.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        // Assert
        Assert.True(result.IsValid, string.Join("; ", result.Details?.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
        Assert.Equal("./" + CatalogSchema.FileName, feeds.RootElement.GetProperty("$schema").GetString());
    }

    [Theory]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/feed"}]}""", true)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","site":"https://a.example.org/"}]}""", true)]
    [InlineData("""{"defaults":{"maxConcurrency":8,"pollInterval":"1.00:00:00"},"feeds":[]}""", true)]
    [InlineData("""{"feeds":[{"id":"a","name":"A"}]}""", false)]
    [InlineData("""{"feeds":[{"id":"A b","name":"A","url":"https://a.example.org/"}]}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"ftp://a.example.org/"}]}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","weight":0}]}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","pollInterval":"30"}]}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","colour":"red"}]}""", false)]
    [InlineData("""{"defaults":{"maxConcurrency":0},"feeds":[]}""", false)]
    [InlineData("""{"defaults":{"maxBodyBytes":1.5},"feeds":[]}""", false)]
    [InlineData("""{"defaults":{"userAgent":"a\u0007b"},"feeds":[]}""", false)]
    [InlineData("""{"default":{},"feeds":[]}""", false)]
    [InlineData("""{"defaults":{}}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","site":"https://a.example.org/","titleStripDate":true,"titleStripPrefixes":["News"],"titleReplace":[{"pattern":"^x","replacement":"y"},{"pattern":"z$"}]}]}""", true)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","site":"https://a.example.org/","titleReplace":[{"replacement":"y"}]}]}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","site":"https://a.example.org/","titleReplace":[{"pattern":"x","flags":"i"}]}]}""", false)]
    [InlineData("""{"feeds":[{"id":"a","name":"A","site":"https://a.example.org/","titleStripPrefixes":[""]}]}""", false)]
    public void Schema_SampleCatalogs_AgreesWithValidator(string json, bool valid)
    {
        // Arrange
        var schema = Schema.Value;

        // Act
        using var document = JsonDocument.Parse(json);
        var bySchema = schema.Evaluate(document.RootElement).IsValid;
        var byValidator = CatalogLoader.Parse(json, "feeds.json").IsValid;

        // Assert
        Assert.Equal(valid, byValidator);
        Assert.Equal(valid, bySchema);
    }

    private static IEnumerable<string> Keys(JsonNode objectSchema) => objectSchema["properties"]!.AsObject().Select(p => p.Key);

    private static List<string> Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];
}
