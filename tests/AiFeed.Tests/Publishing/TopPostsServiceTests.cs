using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Publishing;

namespace AiFeed.Tests.Publishing;

public sealed class TopPostsServiceTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static readonly FeedCatalog Catalog = FeedCatalog.Empty with
    {
        Sources = [new SourceDefinition { Id = "lab", Name = "Lab", Url = "https://lab.example/feed", Weight = 1.5 }],
    };

    [Fact]
    public void Rank_OneHalfLifeOld_HalvesRecencyAndMultipliesParts()
    {
        // Arrange
        var settings = new RankingOptions { HalfLife = TimeSpan.FromHours(12), ClusterBoost = 0.5, MaxClusterFactor = 3, TagBoosts = new() { ["safety"] = 2 } };
        var post = Post("lab", Now.AddHours(-12), ["lab", "letter", "blog"], ["safety", "llm"]);

        // Act
        var ranked = TopPostsService.Rank(post, Now, TopPostsService.HalfLifeFor(TimeSpan.FromHours(24), settings), settings, Catalog);

        // Assert
        Assert.Equal(1.5, ranked.SourceWeight);
        Assert.Equal(0.5, ranked.Recency, 9);
        Assert.Equal(2, ranked.ClusterFactor);
        Assert.Equal(2, ranked.TagFactor);
        Assert.Equal(1.5 * 0.5 * 2 * 2, ranked.Score, 9);
    }

    [Fact]
    public void Rank_ManySources_ClusterFactorCapped()
    {
        // Arrange
        var settings = new RankingOptions { ClusterBoost = 1, MaxClusterFactor = 3 };
        var post = Post("gone", Now, [.. Enumerable.Range(0, 10).Select(i => $"s{i}")], []);

        // Act
        var ranked = TopPostsService.Rank(post, Now, settings.HalfLife, settings, Catalog);

        // Assert
        Assert.Equal((1d, 3d, 1d), (ranked.SourceWeight, ranked.ClusterFactor, ranked.Recency));
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(24, 12)]
    [InlineData(720, 360)]
    public void HalfLifeFor_Window_ScalesWithTheWindowAskedFor(int windowHours, double halfLifeHours)
    {
        // Arrange
        var settings = new RankingOptions { HalfLife = TimeSpan.FromHours(12) };

        // Act
        var halfLife = TopPostsService.HalfLifeFor(TimeSpan.FromHours(windowHours), settings);

        // Assert
        Assert.Equal(halfLifeHours, halfLife.TotalHours, 9);
    }

    [Fact]
    public void Rank_MonthWindow_IsNotADateSort()
    {
        // Arrange: a story ten sources ran three days ago against a lone post of an hour ago.
        var settings = new RankingOptions { HalfLife = TimeSpan.FromHours(12), ClusterBoost = 0.5, MaxClusterFactor = 3 };
        var echoed = Post("lab", Now.AddDays(-3), [.. Enumerable.Range(0, 10).Select(i => $"s{i}")], []);
        var lone = Post("lab", Now.AddHours(-1), ["lab"], []);

        // Act
        var day = TopPostsService.HalfLifeFor(TimeSpan.FromDays(1), settings);
        var month = TopPostsService.HalfLifeFor(TimeSpan.FromDays(30), settings);

        // Assert: over a day the fresh post wins; over a month the story many sources ran does.
        Assert.True(TopPostsService.Rank(lone, Now, day, settings, Catalog).Score > TopPostsService.Rank(echoed, Now, day, settings, Catalog).Score);
        Assert.True(TopPostsService.Rank(echoed, Now, month, settings, Catalog).Score > TopPostsService.Rank(lone, Now, month, settings, Catalog).Score);
    }

    private static Post Post(string source, DateTime at, List<string> sources, List<string> tags) =>
        new() { Id = "p", SourceId = source, Title = "t", SortAt = at, Sources = sources, Tags = tags };
}
