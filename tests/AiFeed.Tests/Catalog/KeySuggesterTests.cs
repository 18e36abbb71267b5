using AiFeed.Catalog;

namespace AiFeed.Tests.Catalog;

public sealed class KeySuggesterTests
{
    private static readonly string[] SourceKeys = ["id", "name", "url", "site", "tags", "weight", "pollInterval", "enabled"];

    [Theory]
    [InlineData("pollIntreval", "pollInterval")]
    [InlineData("PollInterval", "pollInterval")]
    [InlineData("poll_interval", "pollInterval")]
    [InlineData("ulr", "url")]
    [InlineData("tag", "tags")]
    [InlineData("enable", "enabled")]
    [InlineData("nmae", "name")]
    public void Suggest_CloseTypo_ReturnsKnownKey(string unknown, string expected)
    {
        // Arrange & Act
        var suggestion = KeySuggester.Suggest(unknown, SourceKeys);

        // Assert
        Assert.Equal(expected, suggestion);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("colour")]
    [InlineData("scrape")]
    [InlineData("description")]
    public void Suggest_UnrelatedKey_ReturnsNull(string unknown)
    {
        // Arrange & Act
        var suggestion = KeySuggester.Suggest(unknown, SourceKeys);

        // Assert
        Assert.Null(suggestion);
    }
}
