using AiFeed.Model;
using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;

namespace AiFeed.Tests.Search;

/// <summary>
/// The writer queues up to <see cref="PostIndex.MaxQueued"/> batches for the staging thread, which
/// writes a segment when it reopens the searcher past <see cref="PostIndex.MaxRecent"/>: a post
/// rewritten after its document reached a segment (added as new, without a delete by its id, then
/// replaced) still has one document, its latest, before and after the commit. The read and the commit wait behind queued batches, which the staging thread
/// then analyses on both cores (batches stay in write order).
/// </summary>
public sealed class StagingQueueTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Save_PostRewrittenAfterItsSegmentWasWritten_SearchFindsOnlyItsLatestText()
    {
        // Arrange: many more small batches than the queue holds, past a reopen,
        // post 1 first ("sparse"), then rewritten in the last batch ("speculative").
        var ct = TestContext.Current.CancellationToken;
        await db.MemoryIndexesBuiltAsync(ct);
        const int batch = 50;
        var total = PostIndex.MaxRecent + (2 * batch);
        Assert.True(total / batch > PostIndex.MaxQueued);
        for (var first = 1; first <= total; first += batch)
        {
            var posts = Enumerable.Range(first, batch)
                .Select(i => TestPosts.Make(i, i == 1 ? "Sparse attention kernels" : $"Post {i}"))
                .ToList();
            if (first + batch > total)
            {
                posts.Add(TestPosts.Make(1, "Speculative decoding"));
            }

            await db.Posts.SaveAsync(posts, ct);
        }

        // Act
        var beforeCommit = await SearchAsync(ct);
        db.Posts.CommitIndex();
        var afterCommit = await SearchAsync(ct);

        // Assert
        Assert.Equal($"{total} posts; sparse: ; speculative: p00001", beforeCommit);
        Assert.Equal($"{total} posts; sparse: ; speculative: p00001", afterCommit);
    }

    private async Task<string> SearchAsync(CancellationToken ct)
    {
        var count = await db.Posts.CountAsync(new PostQuery { Expand = true }, ct);
        var sparse = await db.Posts.QueryAsync(new PostQuery { Text = "sparse", Expand = true }, ct);
        var speculative = await db.Posts.QueryAsync(new PostQuery { Text = "speculative", Expand = true }, ct);
        return $"{count} posts; sparse: {string.Join(',', sparse.Items.Select(p => p.Id))}; speculative: {string.Join(',', speculative.Items.Select(p => p.Id))}";
    }
}
