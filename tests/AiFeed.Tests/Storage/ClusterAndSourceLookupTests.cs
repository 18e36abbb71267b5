using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>Cluster members, per-source counts and source= filters, answered without LiteDB indexes on ClusterId or SourceId.</summary>
public sealed class ClusterAndSourceLookupTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task GetClusters_FounderAndJoinedMembers_ReturnsEveryMemberOfTheAskedClusters()
    {
        // Arrange: p1 founded a cluster that p2 (another source) joined; p3 is alone.
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "s"), Member(2, "t", cluster: 1), Post(3, "s")], ct);

        // Act
        var members = await db.Posts.GetClustersAsync(["p00001"], ct);
        var alone = await db.Posts.GetClustersAsync(["p00003"], ct);

        // Assert
        Assert.Equal(["p00001", "p00002"], members.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal("p00003", Assert.Single(alone).Id);
    }

    [Fact]
    public async Task GetClusters_FounderMovedToAnotherCluster_IsNoLongerAMember()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "s"), Member(2, "t", cluster: 1), Post(3, "s")], ct);
        _ = await db.Posts.GetClustersAsync(["p00001"], ct);

        // Act: p1 is rewritten into p3's cluster.
        await db.Posts.SaveAsync([Member(1, "s", cluster: 3)], ct);
        var first = await db.Posts.GetClustersAsync(["p00001"], ct);
        var third = await db.Posts.GetClustersAsync(["p00003"], ct);

        // Assert
        Assert.Equal("p00002", Assert.Single(first).Id);
        Assert.Equal(["p00001", "p00003"], third.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetClusters_StoreReopened_FindsMembersFromStoredPosts()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "s"), Member(2, "t", cluster: 1)], ct);

        // Act
        var reopened = new LiteDbPostStore(db.Context);
        var members = await reopened.GetClustersAsync(["p00001"], ct);

        // Assert
        Assert.Equal(2, members.Count);
    }

    [Fact]
    public async Task CountBySource_CountsEveryRowOfEachSource_AndFollowsRewrites()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "s"), Member(2, "t", cluster: 1), Post(3, "s")], ct);
        var before = await db.Posts.CountBySourceAsync(ct);

        // Act: a rewrite of a stored post does not count twice.
        await db.Posts.SaveAsync([Post(3, "s")], ct);
        var after = await db.Posts.CountBySourceAsync(ct);

        // Assert
        Assert.Equal(2, before["s"]);
        Assert.Equal(1, before["t"]);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Query_SourceFilter_ExpandedMatchesOwnPostsCollapsedMatchesStoriesTheSourceCarried()
    {
        // Arrange: p1 leads a story that t also carried (p2); p3 is s's alone.
        var ct = TestContext.Current.CancellationToken;
        var lead = Post(1, "s");
        lead.Sources = ["s", "t"];
        await db.Posts.SaveAsync([lead, Member(2, "t", cluster: 1), Post(3, "s")], ct);

        // Act
        var expanded = await db.Posts.QueryAsync(new PostQuery { Sources = ["t"], Expand = true }, ct);
        var collapsed = await db.Posts.QueryAsync(new PostQuery { Sources = ["t"] }, ct);
        var countExpanded = await db.Posts.CountAsync(new PostQuery { Sources = ["s"], Expand = true }, ct);

        // Assert
        Assert.Equal(["p00002"], expanded.Items.Select(p => p.Id));
        Assert.Equal(["p00001"], collapsed.Items.Select(p => p.Id));
        Assert.Equal(2, countExpanded);
    }

    private static Post Post(int i, string source) => TestPosts.Make(i, source: source);

    private static Post Member(int i, string source, int cluster)
    {
        var post = Post(i, source);
        post.ClusterId = $"p{cluster:D5}";
        post.LeadKey = "";
        return post;
    }
}
