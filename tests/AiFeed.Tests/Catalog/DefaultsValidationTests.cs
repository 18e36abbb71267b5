using AiFeed.Catalog;
using static AiFeed.Tests.Catalog.CatalogAssert;

namespace AiFeed.Tests.Catalog;

public sealed class DefaultsValidationTests
{
    // The checked value always starts on line 2, column 36: the quoted key is padded to a fixed width.
    private static string Catalog(string key, string value) => $$"""
        {
          "defaults": { {{Quoted(key)}}: {{value}} },
          "feeds": []
        }
        """;

    private static string Quoted(string key) => $"\"{key}\"".PadRight(17);

    [Fact]
    public void Defaults_Omitted_UsesRecordDefaults()
    {
        // Arrange
        var json = """{ "feeds": [] }""";

        // Act
        var catalog = Valid(json);

        // Assert
        Assert.Equal(new CatalogDefaults(), catalog.Defaults);
    }

    [Fact]
    public void Defaults_Partial_KeepsOtherDefaults()
    {
        // Arrange
        var json = """{ "defaults": { "maxConcurrency": 4 }, "feeds": [] }""";

        // Act
        var catalog = Valid(json);

        // Assert
        Assert.Equal(new CatalogDefaults() with { MaxConcurrency = 4 }, catalog.Defaults);
    }

    [Theory]
    [InlineData("pollInterval", "\"00:00:30\"", "'00:00:30' is out of range (00:01:00 to 7.00:00:00)")]
    [InlineData("pollInterval", "1800", "expected a string, found a number")]
    [InlineData("userAgent", "\"\"", "must not be empty")]
    [InlineData("userAgent", "\"AiFeed\\r\\nX-Evil: 1\"", "must not contain control characters")]
    [InlineData("maxBodyBytes", "1023", "1023 is out of range (1024 to 104857600)")]
    [InlineData("maxBodyBytes", "104857601", "104857601 is out of range (1024 to 104857600)")]
    [InlineData("maxBodyBytes", "1.5", "expected an integer, found 1.5")]
    [InlineData("requestTimeout", "\"00:00:00\"", "'00:00:00' is out of range (00:00:01 to 00:05:00)")]
    [InlineData("requestTimeout", "\"00:05:01\"", "'00:05:01' is out of range (00:00:01 to 00:05:00)")]
    [InlineData("maxConcurrency", "0", "0 is out of range (1 to 64)")]
    [InlineData("maxConcurrency", "65", "65 is out of range (1 to 64)")]
    [InlineData("maxConcurrency", "true", "expected an integer, found a boolean")]
    [InlineData("maxBackoff", "\"00:00:10\"", "'00:00:10' is out of range (00:01:00 to 7.00:00:00)")]
    [InlineData("maxBackoff", "\"8.00:00:00\"", "'8.00:00:00' is out of range (00:01:00 to 7.00:00:00)")]
    [InlineData("maxItemsPerFeed", "0", "0 is out of range (1 to 10000)")]
    [InlineData("maxItemsPerFeed", "10001", "10001 is out of range (1 to 10000)")]
    public void Defaults_InvalidValue_ReportsValuePosition(string key, string value, string message)
    {
        // Arrange
        var json = Catalog(key, value);

        // Act & Assert
        SingleError(json, $"feeds.json:2:36: defaults.{key}: {message}");
    }

    [Fact]
    public void MaxConcurrencyPerHost_AboveSixteen_IsRejected()
    {
        // Arrange
        var json = """{ "defaults": { "maxConcurrencyPerHost": 17 }, "feeds": [] }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:42: defaults.maxConcurrencyPerHost: 17 is out of range (1 to 16)");
    }

    [Fact]
    public void Defaults_NotObject_NamesExpectedType()
    {
        // Arrange
        var json = """{ "defaults": [], "feeds": [] }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:15: defaults: expected an object, found an array");
    }

    [Fact]
    public void Defaults_UnknownKey_SuggestsCaseCorrection()
    {
        // Arrange
        var json = """{ "defaults": { "UserAgent": "x" }, "feeds": [] }""";

        // Act & Assert
        SingleError(json, "feeds.json:1:17: defaults.UserAgent: unknown key (did you mean 'userAgent'?)");
    }
}
