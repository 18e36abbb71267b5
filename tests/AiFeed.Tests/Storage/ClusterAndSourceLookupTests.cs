using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>Stories, story lookups, per-source counts and source= filters, answered without LiteDB indexes on ClusterId or SourceId.</summary>
public abstract class ClusterAndSourceLookupTests : StoreContract
{
    [Fact]
    public async Task SaveStories_RecordsWrittenAndRemovedWithThePosts()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var story = new StoryRecord { Id = "p00001", Members = ["p00001", "p00002"], AnchorId = "p00001", LeadId = "p00002" };
        await db.Stories.SaveStoriesAsync([Post(1, "s"), Member(2, "t", cluster: 1)], [story], [], ct);

        // Act: p2 leaves for a story of its own (id p00002), p1 is alone again.
        var before = await db.Stories.GetStoriesAsync(["p00001"], ct);
        await db.Stories.SaveStoriesAsync([Post(1, "s"), Post(2, "t")], [], ["p00001"], ct);
        var after = await db.Stories.GetStoriesAsync(["p00001", "p00002"], ct);

        // Assert
        Assert.Equal(["p00001", "p00002"], Assert.Single(before).Members);
        Assert.Equal(["p00001", "p00002"], after.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(after, s => Assert.Equal([s.Id], s.Members));
        Assert.Equal(0, await db.StoredStoriesAsync());
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

    [Fact]
    public async Task FindByKeys_SharedKeys_FindsThePostsByEachKindOfKey()
    {
        // Arrange: p1 and p2 share a story key, p3 a title key with p1, p4 a band with p2; p5 nothing.
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync(
        [
            Keyed(1, story: "u:a", title: "same title", band: "0:0001"),
            Keyed(2, story: "u:a", title: "other", band: "1:0002"),
            Keyed(3, story: "u:c", title: "same title", band: "2:0003"),
            Keyed(4, story: "u:d", title: "fourth", band: "1:0002"),
            Keyed(5, story: "u:e", title: "fifth", band: "3:0005"),
        ], ct);

        // Act
        var byStory = await db.Stories.FindByKeysAsync(new StoryLookup(["u:a"], [], []), ct);
        var byAll = await db.Stories.FindByKeysAsync(new StoryLookup(["u:c"], ["same title"], ["1:0002"]), ct);
        var stored = await db.Posts.FindStoredAsync(["p00001", "p00009"], ct);

        // Assert: newest written first within a key.
        Assert.Equal(["p00002", "p00001"], byStory.Select(p => p.Id));
        Assert.Equal(["p00001", "p00002", "p00003", "p00004"], byAll.Select(p => p.Id).Order(StringComparer.Ordinal));
        var one = Assert.Single(stored);
        Assert.Equal(("p00001", "s", "p00001", "hash1"), (one.Id, one.SourceId, one.ClusterId, one.RawHash));
    }

    [Fact]
    public async Task FindByKeys_Links_FindThePostsLinkingToAUrlAndThePostAtIt()
    {
        // Arrange: p2 links to p1's page; p3 links to the same paper as p2.
        var ct = TestContext.Current.CancellationToken;
        var linking = Keyed(2, story: "u:letter/2", title: "b", band: "0:0002");
        linking.Links = ["u:lab/1", "u:arxiv.org/abs/1"];
        var third = Keyed(3, story: "u:blog/3", title: "c", band: "0:0003");
        third.Links = ["u:arxiv.org/abs/1"];
        await db.Posts.SaveAsync([Keyed(1, story: "u:lab/1", title: "a", band: "0:0001"), linking, third], ct);

        // Act
        var toLab = await db.Stories.FindByKeysAsync(new StoryLookup(["u:lab/1"], [], []), ct);
        var fromLetter = await db.Stories.FindByKeysAsync(new StoryLookup(["u:letter/2", .. linking.Links], [], []), ct);

        // Assert
        Assert.Equal(["p00001", "p00002"], toLab.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["p00001", "p00002", "p00003"], fromLetter.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(linking.Links, fromLetter.Single(p => p.Id == "p00002").Links);
    }

    [Fact]
    public async Task FindByKeys_PostRewrittenWithOtherKeys_FoundOnlyByItsNewKeys()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Keyed(1, story: "u:a", title: "first title", band: "0:0001"), Keyed(2, story: "u:a", title: "x", band: "0:0009")], ct);
        _ = await db.Stories.FindByKeysAsync(new StoryLookup(["u:a"], [], []), ct);

        // Act
        await db.Posts.SaveAsync([Keyed(1, story: "u:b", title: "new title", band: "0:0002")], ct);
        var old = await db.Stories.FindByKeysAsync(new StoryLookup(["u:a"], ["first title"], ["0:0001"]), ct);
        var fresh = await db.Stories.FindByKeysAsync(new StoryLookup(["u:b"], ["new title"], ["0:0002"]), ct);

        // Assert
        Assert.Equal("p00002", Assert.Single(old).Id);
        Assert.Equal("p00001", Assert.Single(fresh).Id);
    }

    internal static Post Keyed(int i, string story, string title, string band)
    {
        var post = Post(i, "s");
        post.StoryKeys = [story];
        post.TitleKey = title;
        post.TextBands = [band];
        post.RawHash = $"hash{i}";
        return post;
    }

    internal static Post Post(int i, string source) => TestPosts.Make(i, source: source);

    internal static Post Member(int i, string source, int cluster)
    {
        var post = Post(i, source);
        post.ClusterId = $"p{cluster:D5}";
        post.LeadKey = "";
        return post;
    }
}

public sealed class ClusterAndSourceLookupTestsOnLiteDb : ClusterAndSourceLookupTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class ClusterAndSourceLookupTestsOnPostgres(TestPostgres server) : ClusterAndSourceLookupTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}

/// <summary>The LiteDB provider's one-time story-record migration of a store written before story records.</summary>
public sealed class StoryRecordMigrationTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task GetStories_StoreWrittenBeforeStoryRecords_DescribesEachStoryFromItsPosts()
    {
        // Arrange: p1 founded a story that p2 (another source) joined; p3 is alone. No records yet.
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([ClusterAndSourceLookupTests.Post(1, "s"), ClusterAndSourceLookupTests.Member(2, "t", cluster: 1), ClusterAndSourceLookupTests.Post(3, "s")], ct);

        // Act: the first use builds the indexes and writes the missing records once.
        var reopened = new LiteDbPostStore(db.Context);
        var stories = await reopened.GetStoriesAsync(["p00001", "p00003", "p00002"], ct);

        // Assert
        var joined = Assert.Single(stories, s => s.Id == "p00001");
        Assert.Equal(["p00001", "p00002"], joined.Members);
        Assert.Equal(("p00001", "p00001"), (joined.AnchorId, joined.LeadId));
        var alone = Assert.Single(stories, s => s.Id == "p00003");
        Assert.Equal(["p00003"], alone.Members);
        Assert.DoesNotContain(stories, s => s.Id == "p00002");
        Assert.Equal(1, db.Context.Stories.Count());
    }
}
