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
        var ranked = TopPostsService.Rank(post, Now, settings, Catalog);

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
        var ranked = TopPostsService.Rank(post, Now, settings, Catalog);

        // Assert
        Assert.Equal((1d, 3d, 1d), (ranked.SourceWeight, ranked.ClusterFactor, ranked.Recency));
    }

    private static Post Post(string source, DateTime at, List<string> sources, List<string> tags) =>
        new() { Id = "p", SourceId = source, Title = "t", SortAt = at, Sources = sources, Tags = tags };
}
