using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>Tag pages and tag counts (LiteDB: without an index on Tags), on each provider.</summary>
public abstract class TagLookupTests : StoreContract
{
    [Fact]
    public async Task Query_RareTagOlderThanThousandsOfPosts_PagesNewestFirst()
    {
        // Arrange: three "rare" posts at the very start, then thousands of posts with another tag.
        var ct = TestContext.Current.CancellationToken;
        var posts = Enumerable.Range(0, 2_050).Select(i => Post(i, i < 3 ? ["rare"] : ["common"])).ToList();
        await db.Posts.SaveAsync(posts, ct);

        // Act
        var first = await db.Posts.QueryAsync(new PostQuery { Tags = ["rare"], Limit = 2 }, ct);
        var second = await db.Posts.QueryAsync(new PostQuery { Tags = ["rare"], Limit = 2, After = first.NextAfter }, ct);

        // Assert
        Assert.Equal(["p00002", "p00001"], first.Items.Select(p => p.Id));
        Assert.Equal(["p00000"], second.Items.Select(p => p.Id));
        Assert.Null(second.NextAfter);
    }

    [Fact]
    public async Task Query_CommonTag_FoundByTheWalk()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, ["llm"]), Post(2, ["robotics"]), Post(3, ["llm", "robotics"])], ct);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Tags = ["llm"] }, ct);
        var both = await db.Posts.QueryAsync(new PostQuery { Tags = ["llm", "robotics"] }, ct);

        // Assert
        Assert.Equal(["p00003", "p00001"], page.Items.Select(p => p.Id));
        Assert.Equal(["p00003"], both.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task CountByTag_CollapsedAndExpanded_CountStoriesOrPosts()
    {
        // Arrange: p1 leads a story p2 joined; both carry "llm". p3 carries "robotics".
        var ct = TestContext.Current.CancellationToken;
        var member = Post(2, ["llm"]);
        member.ClusterId = "p00001";
        member.LeadKey = "";
        await db.Posts.SaveAsync([Post(1, ["llm"]), member, Post(3, ["robotics"])], ct);

        // Act
        var collapsed = await db.Posts.CountByTagAsync(["llm", "robotics", "agents"], expand: false, ct);
        var expanded = await db.Posts.CountByTagAsync(["llm"], expand: true, ct);
        var counted = await db.Posts.CountAsync(new PostQuery { Tags = ["llm"], Expand = true }, ct);

        // Assert
        Assert.Equal(1, collapsed["llm"]);
        Assert.Equal(1, collapsed["robotics"]);
        Assert.Equal(0, collapsed["agents"]);
        Assert.Equal(2, expanded["llm"]);
        Assert.Equal(2, counted);
    }

    [Fact]
    public async Task CountByTag_PostRetagged_CountsFollow()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, ["llm"]), Post(2, ["llm"])], ct);
        _ = await db.Posts.CountByTagAsync(["llm"], expand: false, ct);

        // Act
        await db.Posts.SaveAsync([Post(2, ["robotics"])], ct);
        var counts = await db.Posts.CountByTagAsync(["llm", "robotics"], expand: false, ct);

        // Assert
        Assert.Equal(1, counts["llm"]);
        Assert.Equal(1, counts["robotics"]);
    }

    private static Post Post(int i, List<string> tags) => TestPosts.Make(i, tags: tags);
}

public sealed class TagLookupTestsOnLiteDb : TagLookupTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class TagLookupTestsOnPostgres(TestPostgres server) : TagLookupTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}

/// <summary>What the LiteDB provider does with a store written by an earlier version.</summary>
public sealed class TagIndexRetirementTests
{
    [Fact]
    public async Task Open_StoreMadeWithTagAndListIndexes_DropsThem()
    {
        // Arrange: a store written before the indexes were retired (lists now run on the search index,
        // the index's catch-up on the revision log).
        using var old = new TempDirectory();
        using (var before = new LiteDbContext(old.Path, "aifeed.db"))
        {
            before.Posts.EnsureIndex("tags", "$.Tags[*]");
            before.Posts.EnsureIndex("SortKey", "$.SortKey");
            before.Posts.EnsureIndex("LeadKey", "$.LeadKey");
            before.Posts.EnsureIndex("sources", "$.Sources[*]");
            before.Posts.EnsureIndex("Revision", "$.Revision");
        }

        // Act
        using var reopened = new LiteDbContext(old.Path, "aifeed.db");

        // Assert
        using var reader = reopened.Database.Execute("SELECT $.name FROM $indexes WHERE $.collection = 'posts'");
        var indexes = new List<string>();
        while (reader.Read())
        {
            indexes.Add(reader.Current["name"].AsString);
        }

        Assert.Equal(["_id"], indexes);
    }
}
