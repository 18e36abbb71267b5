using AiFeed.Ingestion.Processing;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>A store written under the old rules, brought up to these: snowballs come apart, true stories stay.</summary>
public sealed class StoryUpgradeTests : IDisposable
{
    private static readonly DateTime Day = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Run_StoreWithSnowballedCluster_SplitsItKeepsTrueStoriesAndRunsOnce()
    {
        // Arrange: the old rule joined four blogs' posts under one headline into p1's cluster; p6
        // re-posts p5's URL. No story records, no rules version: a store from before.
        var ct = TestContext.Current.CancellationToken;
        const string Title = "Gemini brings faster reasoning to every app";
        string[] summaries =
        [
            "The lab's own announcement with the benchmark numbers, the pricing and the availability of the model.",
            "A hands-on review after a week of use with coding agents, long documents and a small home server.",
            "Why the release matters for the open model ecosystem and what the licence allows for commercial use.",
            "A short podcast episode with two researchers about reasoning traces, distillation and evaluations.",
        ];
        var posts = summaries.Select((summary, i) => Legacy(i + 1, $"blog{i}", Title, $"https://blog{i}.example/gemini", summary, cluster: 1)).ToList();
        posts.Add(Legacy(5, "lab", "Orca 3 ships with open weights today", "https://lab.example/orca", "", cluster: 5));
        posts.Add(Legacy(6, "letter", "This week: Orca 3", "https://lab.example/orca?utm_source=letter", "", cluster: 5));
        posts[0].LeadKey = posts[0].SortKey;
        posts[4].LeadKey = posts[4].SortKey;
        await db.Posts.SaveAsync(posts, ct);
        var upgrade = new StoryUpgrade(db.Posts, db.Posts, new LiteDbMetadataStore(db.Context), new FakeTimeProvider(Day.AddDays(30)), NullLogger<StoryUpgrade>.Instance);

        // Act
        var decided = await upgrade.RunAsync(ct);
        var again = await upgrade.RunAsync(ct);

        // Assert
        var stored = await db.Posts.ListBatchAsync(null, 100, ct);
        Assert.Equal((6, 0), (decided, again));
        Assert.Equal(
            ["p00001", "p00002", "p00003", "p00004", "p00005 p00006"],
            stored.GroupBy(p => p.ClusterId, StringComparer.Ordinal).Select(g => string.Join(' ', g.Select(p => p.Id).Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
        Assert.Equal("p00005", stored.Single(p => p.Id == "p00006").ClusterId);
        Assert.Equal(5, stored.Count(p => p.LeadKey.Length > 0));
        Assert.Empty(stored.Single(p => p.Id == "p00001").AlsoIn);
        Assert.Equal(["p00005", "p00006"], Assert.Single(await db.Posts.GetStoriesAsync(["p00005"], ct)).Members);
    }

    // A post as the old rules stored it: in the cluster of p<cluster>.
    private static Post Legacy(int i, string source, string title, string url, string summary, int cluster)
    {
        var post = CorpusPosts.Create(source, $"p{i:D5}", title, url, summary, Day.AddHours(i));
        post.ClusterId = $"p{cluster:D5}";
        return post;
    }
}
