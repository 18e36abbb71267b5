using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>SaveAsync's write paths: upsert while the in-memory indexes are not built, then insert, update or both in one transaction.</summary>
public sealed class PostWriteTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly LiteDbContext context;
    private readonly LiteDbPostStore store;

    public PostWriteTests()
    {
        context = new LiteDbContext(folder.File("data"), "aifeed.db");
        store = new LiteDbPostStore(context);
    }

    public void Dispose()
    {
        context.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Save_NewAndStoredPostsInOneBatch_WritesBoth()
    {
        // Arrange: the indexes are built, so the store knows which ids are stored.
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync([Post(1, "First"), Post(2, "Second")], ct);
        _ = await store.GetClustersAsync(["p00001"], ct);

        // Act
        await store.SaveAsync([Post(2, "Second, edited"), Post(3, "Third")], ct);

        // Assert
        Assert.Equal(3, context.Posts.Count());
        Assert.Equal("Second, edited", (await store.GetAsync("p00002", ct))!.Title);
        Assert.Equal("Third", (await store.GetAsync("p00003", ct))!.Title);
        Assert.Equal(3, (await store.CountBySourceAsync(ct))["s"]);
    }

    [Fact]
    public async Task Save_BatchWithAPostTheDatabaseRejects_LandsNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync([Post(1, "First")], ct);
        _ = await store.GetClustersAsync(["p00001"], ct);
        var refusedEdit = Post(1, "First, edited");
        refusedEdit.SortKey = new string('9', 2_000); // LiteDB refuses index keys over 1,023 bytes

        // Act: the new post is inserted first, then the edit fails.
        var error = await Record.ExceptionAsync(() => store.SaveAsync([refusedEdit, Post(2, "Second")], ct));

        // Assert: the new post was rolled back with the refused edit.
        Assert.NotNull(error);
        Assert.Equal(1, context.Posts.Count());
        Assert.Equal("First", (await store.GetAsync("p00001", ct))!.Title);
        Assert.Equal(1, (await store.CountBySourceAsync(ct))["s"]);
    }

    [Fact]
    public async Task Save_StoredPostsOnly_UpdatesWithoutDuplicates()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync([Post(1, "First"), Post(2, "Second")], ct);
        _ = await store.GetClustersAsync(["p00001"], ct);

        // Act
        await store.SaveAsync([Post(1, "First, edited"), Post(2, "Second, edited")], ct);

        // Assert
        Assert.Equal(2, context.Posts.Count());
        Assert.Equal("First, edited", (await store.GetAsync("p00001", ct))!.Title);
    }

    private static Post Post(int i, string title)
    {
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i);
        var id = $"p{i:D5}";
        var key = $"{at.Ticks:D19}:{id}";
        return new Post { Id = id, SourceId = "s", Sources = ["s"], Title = title, SortAt = at, SortKey = key, LeadKey = key, ClusterId = id };
    }
}
