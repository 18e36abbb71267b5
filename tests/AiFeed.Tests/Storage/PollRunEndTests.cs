using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>What the LiteDB store does at the end of a poll run (IStoreLifecycle.AfterPollRun).</summary>
public sealed class PollRunEndTests
{
    [Fact]
    public async Task Writes_PastLiteDbsDefaultCheckpoint_StayInTheLogUntilTheRunEnds()
    {
        // Arrange: more than LiteDB's default 1,000 pages (8 MB) of incompressible HTML.
        var ct = TestContext.Current.CancellationToken;
        using var store = new TempStore();
        await store.Posts.IndexReadyAsync(ct);
        var log = LiteDbContext.LogPathOf(store.Context.DatabasePath);

        // Act
        foreach (var batch in Enumerable.Range(1, 400).Chunk(40))
        {
            await store.Posts.SaveAsync([.. batch.Select(WithHtml)], ct);
        }

        var loggedBeforeTheEnd = new FileInfo(log).Length;
        store.Lifecycle.AfterPollRun(logBytes: 1024 * 1024);

        // Assert: no commit of the run copied the log; the run's end did, and committed the index
        // (whose record, written after the copy, is the few pages left in the log).
        Assert.True(loggedBeforeTheEnd > 9 * 1024 * 1024, $"the log held {loggedBeforeTheEnd} bytes");
        var loggedAfter = File.Exists(log) ? new FileInfo(log).Length : 0;
        Assert.True(loggedAfter <= 64 * 1024, $"the log still held {loggedAfter} bytes");
        Assert.Equal(0, store.Context.Revisions.Count());
        Assert.Equal(400, await store.Posts.CountAsync(new PostQuery { Expand = true }, ct));
    }

    [Fact]
    public async Task AfterPollRun_IndexAndLogTogether_ReopenedStoreReadsEveryPostAndItsHtml()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var data = folder.File("data");
        using (var context = new LiteDbContext(data, "aifeed.db"))
        {
            var posts = new LiteDbPostStore(context);
            await posts.IndexReadyAsync(ct);
            await posts.SaveAsync([.. Enumerable.Range(1, 30).Select(WithHtml)], ct);

            // Act: the log copied (bound 0) while the index commits, then the store closes.
            new LiteDbLifecycle(context, posts).AfterPollRun(logBytes: 0);
        }

        // Assert: what the next start finds: the index current without a catch-up, the HTML in place.
        using var reopened = new LiteDbContext(data, "aifeed.db");
        var store = new LiteDbPostStore(reopened);
        await store.IndexReadyAsync(ct);
        Assert.Equal(0, reopened.Revisions.Count());
        Assert.Equal(30, await store.CountAsync(new PostQuery { Expand = true }, ct));
        var post = (await store.GetAsync("p00007", ct))!;
        await store.LoadHtmlAsync([post], ct);
        Assert.Equal(WithHtml(7).ContentHtml, post.ContentHtml);
    }

    // ~40 KB of HTML that compresses little: random bytes in base64, seeded by the post's number.
    private static Post WithHtml(int i)
    {
        var post = TestPosts.Make(i, $"Post number {i}");
        var bytes = new byte[30_000];
        new Random(i).NextBytes(bytes);
        post.ContentHtml = "<p>" + Convert.ToBase64String(bytes) + "</p>";
        return post;
    }
}
