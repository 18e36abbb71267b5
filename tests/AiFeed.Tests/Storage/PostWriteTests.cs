using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>SaveAsync's write paths: upsert while the in-memory indexes are not built, then insert, update or both in one transaction.</summary>
public abstract class PostWriteTests : StoreContract
{
    [Fact]
    public async Task Save_NewAndStoredPostsInOneBatch_WritesBoth()
    {
        // Arrange: the indexes are built, so the store knows which ids are stored.
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "First"), Post(2, "Second")], ct);
        await db.ReadyAsync(ct);

        // Act
        await db.Posts.SaveAsync([Post(2, "Second, edited"), Post(3, "Third")], ct);

        // Assert
        Assert.Equal(3, await db.StoredPostsAsync());
        Assert.Equal("Second, edited", (await db.Posts.GetAsync("p00002", ct))!.Title);
        Assert.Equal("Third", (await db.Posts.GetAsync("p00003", ct))!.Title);
        Assert.Equal(3, (await db.Posts.CountBySourceAsync(ct))["s"]);
    }

    [Fact]
    public async Task Save_BatchWithAPostTheDatabaseRejects_LandsNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "First")], ct);
        await db.ReadyAsync(ct);
        var refusedEdit = Post(1, "First, edited");
        db.MakeRefused(refusedEdit);

        // Act: the new post is inserted first, then the edit fails.
        var error = await Record.ExceptionAsync(() => db.Posts.SaveAsync([refusedEdit, Post(2, "Second")], ct));

        // Assert: the new post was rolled back with the refused edit.
        Assert.NotNull(error);
        Assert.Equal(1, await db.StoredPostsAsync());
        Assert.Equal("First", (await db.Posts.GetAsync("p00001", ct))!.Title);
        Assert.Equal(1, (await db.Posts.CountBySourceAsync(ct))["s"]);
    }

    [Fact]
    public async Task Save_StoredPostsOnly_UpdatesWithoutDuplicates()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "First"), Post(2, "Second")], ct);
        await db.ReadyAsync(ct);

        // Act
        await db.Posts.SaveAsync([Post(1, "First, edited"), Post(2, "Second, edited")], ct);

        // Assert
        Assert.Equal(2, await db.StoredPostsAsync());
        Assert.Equal("First, edited", (await db.Posts.GetAsync("p00001", ct))!.Title);
    }

    [Fact]
    public async Task Save_BatchNamingAPostTwice_KeepsTheLastVersion()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([Post(1, "First")], ct);
        await db.ReadyAsync(ct);

        // Act
        await db.Posts.SaveAsync([Post(2, "Second"), Post(2, "Second, again")], ct);

        // Assert
        Assert.Equal(2, await db.StoredPostsAsync());
        Assert.Equal("Second, again", (await db.Posts.GetAsync("p00002", ct))!.Title);
    }

    private static Post Post(int i, string title) => TestPosts.Make(i, title);
}

public sealed class PostWriteTestsOnLiteDb : PostWriteTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class PostWriteTestsOnPostgres(TestPostgres server) : PostWriteTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}
