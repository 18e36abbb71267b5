using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Tests.Catalog;

/// <summary>The sentence the empty home page, /api/sources and the start-up log share.</summary>
public sealed class PollingOverviewTests
{
    private static readonly DateTime At = new(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Describe_NothingPolled_SaysNotPolledYet()
    {
        // Act
        var text = PollingOverview.Of(Catalog(3), []).Describe();

        // Assert
        Assert.Equal("3 sources not polled yet", text);
    }

    [Fact]
    public void Describe_SomeFailedWithTheSameCause_GroupsTheCauseWithoutAddresses()
    {
        // Arrange
        SourceState[] states =
        [
            Failed("s0", "the host name could not be resolved (Name or service not known (a.example:443))"),
            Failed("s1", "the site https://b.example/news failed: the host name could not be resolved (Name or service not known (b.example:443))"),
            Failed("s2", "HTTP 503 Service Unavailable"),
            new() { SourceId = "s3", LastPollAt = At, LastSuccessAt = At },
        ];

        // Act
        var overview = PollingOverview.Of(Catalog(5), states);

        // Assert
        Assert.Equal((5, 1, 1, 3), (overview.Enabled, overview.NotPolled, overview.Ok, overview.Failing));
        Assert.Equal("3 sources failed (the host name could not be resolved: 2, HTTP 503 Service Unavailable: 1); 1 not polled yet; 1 polled fine", overview.Describe());
    }

    [Fact]
    public void Describe_AllPolledFine_SaysSo()
    {
        // Act
        var text = PollingOverview.Of(Catalog(2), [new() { SourceId = "s0", LastPollAt = At }, new() { SourceId = "s1", LastPollAt = At }]).Describe();

        // Assert
        Assert.Equal("2 sources polled, all fine", text);
    }

    [Fact]
    public void Describe_DisabledSourcesOnly_SaysNoneIsEnabled()
    {
        // Arrange
        var catalog = new FeedCatalog { Defaults = new CatalogDefaults(), Sources = [new SourceDefinition { Id = "off", Name = "Off", Url = "https://off.example/feed", Enabled = false }] };

        // Act
        var text = PollingOverview.Of(catalog, []).Describe();

        // Assert
        Assert.Equal("no source is enabled in the catalog", text);
    }

    private static SourceState Failed(string id, string error) => new() { SourceId = id, LastPollAt = At, ConsecutiveErrors = 1, LastError = error };

    private static FeedCatalog Catalog(int sources) => new()
    {
        Defaults = new CatalogDefaults(),
        Sources = [.. Enumerable.Range(0, sources).Select(i => new SourceDefinition { Id = $"s{i}", Name = $"S{i}", Url = $"https://s{i}.example/feed" })],
    };
}
