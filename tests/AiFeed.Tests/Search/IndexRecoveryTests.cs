using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;
using LiteDB;

namespace AiFeed.Tests.Search;

/// <summary>The Lucene index beside the data file catches up with LiteDB, the store of record, whatever state a stop left it in.</summary>
public sealed class IndexRecoveryTests : IDisposable
{
    private readonly TempDirectory folder = new();

    private string Data => folder.File("data");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Open_PostsCommittedButNotIndexed_CatchesUpFromRevision()
    {
        // Arrange: batch 1 goes through the store; batch 2 reaches LiteDB only, as when the process
        // dies between the LiteDB commit and the index commit.
        var ct = TestContext.Current.CancellationToken;
        using (var context = new LiteDbContext(Data, "aifeed.db"))
        {
            var store = new LiteDbPostStore(context);
            await store.IndexReadyAsync(ct);
            await store.SaveAsync([TestPosts.Make(1, "Sparse attention kernels")], ct);
            WriteBehindTheIndex(context, [TestPosts.Make(2, "Speculative decoding")]);
        }

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db");
        var posts = new LiteDbPostStore(reopened);
        var found = await posts.QueryAsync(new PostQuery { Text = "speculative" }, ct);
        var count = await posts.CountAsync(new PostQuery { Expand = true }, ct);

        // Assert
        Assert.Equal(["p00002"], found.Items.Select(p => p.Id));
        Assert.Equal(2, count);
        Assert.Equal(2, reopened.Index.Revision);
    }

    [Fact]
    public async Task Open_IndexCommitLostAfterWrites_CatchesUpFromTheRevisionLog()
    {
        // Arrange: a poll commits post 1 and the index; the next poll writes posts 2 and 3 and
        // rewrites post 1, and dies before it records the index (its Lucene commit lost with it:
        // the folder as the first poll left it).
        var ct = TestContext.Current.CancellationToken;
        var indexPath = await WriteAndCommitAsync([TestPosts.Make(1, "Sparse attention kernels")], ct);
        var committed = folder.File("index-at-revision-1");
        CopyFolder(indexPath, committed);
        int logged;
        using (var context = new LiteDbContext(Data, "aifeed.db"))
        {
            var store = new LiteDbPostStore(context);
            await store.IndexReadyAsync(ct);
            await store.SaveAsync([TestPosts.Make(2, "Speculative decoding")], ct);
            await store.SaveAsync([TestPosts.Make(3, "Quantized adapters"), TestPosts.Make(1, "Sparse attention, revised")], ct);
            logged = context.Revisions.Count();
        }

        Directory.Delete(indexPath, recursive: true);
        CopyFolder(committed, indexPath);

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db");
        var posts = new LiteDbPostStore(reopened);
        var revised = await posts.QueryAsync(new PostQuery { Text = "revised" }, ct);
        var quantized = await posts.QueryAsync(new PostQuery { Text = "quantized" }, ct);
        var count = await posts.CountAsync(new PostQuery { Expand = true }, ct);

        // Assert: both batches replayed from their log entries, which the catch-up's commit drops.
        Assert.Equal(2, logged);
        Assert.Equal(["p00001"], revised.Items.Select(p => p.Id));
        Assert.Equal(["p00003"], quantized.Items.Select(p => p.Id));
        Assert.Equal(3, count);
        Assert.Equal(3, reopened.Index.Revision);
        Assert.Equal(0, reopened.Revisions.Count());
    }

    [Fact]
    public async Task CommitIndex_AfterWrites_RevisionLogEmptyAndNoRevisionIndexOnPosts()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var context = new LiteDbContext(Data, "aifeed.db");
        var store = new LiteDbPostStore(context);
        await store.IndexReadyAsync(ct);
        await store.SaveAsync([TestPosts.Make(1, "Sparse attention kernels")], ct);
        await store.SaveAsync([TestPosts.Make(2, "Speculative decoding")], ct);
        var loggedBeforeCommit = context.Revisions.FindAll().Select(d => d["_id"].AsInt64).ToList();

        // Act
        store.CommitIndex();

        // Assert: a write logs its ids instead of keeping a LiteDB index on every post's revision.
        Assert.Equal([1L, 2L], loggedBeforeCommit);
        Assert.Equal(0, context.Revisions.Count());
        var postIndexes = context.Database.GetCollection("$indexes").Find(Query.EQ("collection", "posts")).Select(d => d["name"].AsString);
        Assert.Equal(["_id"], postIndexes);
    }

    [Fact]
    public async Task Save_BatchTheIndexRefuses_StoredUncommittedAndReplayedOnceItCan()
    {
        // Arrange: a post whose story key Lucene refuses (a term over 32 KB) reaches LiteDB; the
        // index's staging thread fails on it after the save has returned.
        var ct = TestContext.Current.CancellationToken;
        using var context = new LiteDbContext(Data, "aifeed.db");
        var store = new LiteDbPostStore(context);
        await store.IndexReadyAsync(ct);
        await store.SaveAsync([TestPosts.Make(1, "Sparse attention kernels")], ct);
        store.CommitIndex();
        var refused = TestPosts.Make(2, "Speculative decoding");
        refused.StoryKeys = ["u:" + new string('k', 40_000)];
        await store.SaveAsync([refused], ct);

        // Act: the end of a poll commits the index; then the source sends the post again, fixed.
        store.CommitIndex();
        var revisionAfterRefusal = context.Index.Revision;
        var stored = await store.GetAsync("p00002", ct);
        await store.SaveAsync([TestPosts.Make(2, "Speculative decoding")], ct);
        var found = await store.QueryAsync(new PostQuery { Text = "speculative" }, ct);
        var count = await store.CountAsync(new PostQuery { Expand = true }, ct);
        store.CommitIndex();

        // Assert: the refused batch was never committed past; the replay brought it in.
        Assert.NotNull(stored);
        Assert.Equal(1, revisionAfterRefusal);
        Assert.Equal(["p00002"], found.Items.Select(p => p.Id));
        Assert.Equal(2, count);
        Assert.Equal(3, context.Index.Revision);
    }

    [Fact]
    public async Task Open_IndexFolderDeleted_RebuildsFromEveryPost()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        string indexPath;
        using (var context = new LiteDbContext(Data, "aifeed.db"))
        {
            var store = new LiteDbPostStore(context);
            await store.SaveAsync([.. Enumerable.Range(0, LiteDbPostStore.IndexChunk + 5).Select(i => TestPosts.Make(i, $"Agents {i}"))], ct);
            indexPath = context.Index.Path;
        }

        Directory.Delete(indexPath, recursive: true);

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db");
        var total = await new LiteDbPostStore(reopened).CountAsync(new PostQuery { Text = "agents" }, ct);

        // Assert
        Assert.Equal(LiteDbPostStore.IndexChunk + 5, total);
    }

    [Fact]
    public async Task Open_IndexUnreadable_IsDiscardedAndRebuilt()
    {
        // Arrange: every index file overwritten with junk.
        var ct = TestContext.Current.CancellationToken;
        string indexPath;
        using (var context = new LiteDbContext(Data, "aifeed.db"))
        {
            await new LiteDbPostStore(context).SaveAsync([TestPosts.Make(1, "Mixture of experts")], ct);
            indexPath = context.Index.Path;
        }

        foreach (var file in Directory.GetFiles(indexPath).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            await File.WriteAllTextAsync(file, "not an index", ct);
        }

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db");
        var found = await new LiteDbPostStore(reopened).QueryAsync(new PostQuery { Text = "experts" }, ct);

        // Assert
        Assert.Equal(["p00001"], found.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Open_IndexAheadOfRestoredStore_RebuildsFromTheStore()
    {
        // Arrange: the data file is put back from a copy taken before the second batch.
        var ct = TestContext.Current.CancellationToken;
        var copy = folder.File("backup.db");
        using (var context = new LiteDbContext(Data, "aifeed.db"))
        {
            var store = new LiteDbPostStore(context);
            await store.SaveAsync([TestPosts.Make(1, "Kept post")], ct);
            context.Checkpoint();
            File.Copy(context.DatabasePath, copy);
            await store.SaveAsync([TestPosts.Make(2, "Lost post")], ct);
        }

        File.Copy(copy, Path.Combine(Data, "aifeed.db"), overwrite: true);

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db");
        var store2 = new LiteDbPostStore(reopened);
        var lost = await store2.QueryAsync(new PostQuery { Text = "lost" }, ct);
        var kept = await store2.QueryAsync(new PostQuery { Text = "kept" }, ct);

        // Assert: the index says only what the store holds.
        Assert.Empty(lost.Items);
        Assert.Single(kept.Items);
    }

    [Fact]
    public async Task Reindex_Command_RebuildsTheIndexAndSaysHowMany()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using (var context = new LiteDbContext(Data, "aifeed.db"))
        {
            await new LiteDbPostStore(context).SaveAsync([TestPosts.Make(1, "Agents"), TestPosts.Make(2, "Robots")], ct);
        }

        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, ct, "reindex", "--data", Data);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("indexed 2 posts into ", result.Stdout, StringComparison.Ordinal);
        using var reopened = new LiteDbContext(Data, "aifeed.db");
        Assert.Equal(2, await new LiteDbPostStore(reopened).CountAsync(new PostQuery { Expand = true }, ct));
    }

    [Fact]
    public async Task OpenOnFirstUse_IndexAsLastCommitted_CountsFromItsRecordWithoutOpeningIt()
    {
        // Arrange: a poll's end (CommitIndex) records the index it committed.
        var ct = TestContext.Current.CancellationToken;
        await WriteAndCommitAsync([TestPosts.Make(1, "Sparse attention"), TestPosts.Make(2, "Speculative decoding")], ct);

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db", openIndex: false);
        var posts = new LiteDbPostStore(reopened);
        await posts.IndexReadyAsync(ct);
        var count = await posts.CountAsync(new PostQuery(), ct);

        // Assert
        Assert.Equal(2, count);
        Assert.False(reopened.IndexOpen);
    }

    [Fact]
    public async Task OpenOnFirstUse_BeforePollRun_OpensTheIndexInTheBackgroundAndWritesFindIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await WriteAndCommitAsync([TestPosts.Make(1, "Sparse attention")], ct);
        using var reopened = new LiteDbContext(Data, "aifeed.db", openIndex: false);
        var posts = new LiteDbPostStore(reopened);
        await posts.IndexReadyAsync(ct);

        // Act: nothing uses the index; the run's start alone opens it.
        new LiteDbLifecycle(reopened, posts).BeforePollRun();
        var opened = await Eventually.ReachAsync(() => Task.FromResult(reopened.IndexOpen), open => open, "the index open in the background");
        await posts.SaveAsync([TestPosts.Make(2, "Speculative decoding")], ct);
        var found = await posts.QueryAsync(new PostQuery { Text = "speculative" }, ct);

        // Assert
        Assert.True(opened);
        Assert.Equal(["p00002"], found.Items.Select(p => p.Id));
        Assert.Equal(2, await posts.CountAsync(new PostQuery(), ct));
    }

    [Fact]
    public async Task OpenOnFirstUse_ClosedWhileOpeningInTheBackground_LeavesTheIndexFreeToOpen()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await WriteAndCommitAsync([TestPosts.Make(1, "Sparse attention")], ct);

        // Act: a run that ends at once (every feed a 304) closes the store while the open may still run.
        using (var context = new LiteDbContext(Data, "aifeed.db", openIndex: false))
        {
            new LiteDbLifecycle(context, new LiteDbPostStore(context)).BeforePollRun();
        }

        using var reopened = new LiteDbContext(Data, "aifeed.db");
        var found = await new LiteDbPostStore(reopened).QueryAsync(new PostQuery { Text = "sparse" }, ct);

        // Assert
        Assert.Equal(["p00001"], found.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task OpenOnFirstUse_WrittenAfterTheRecord_CountsInTheIndex()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await WriteAndCommitAsync([TestPosts.Make(1, "Sparse attention")], ct);
        using var reopened = new LiteDbContext(Data, "aifeed.db", openIndex: false);
        var posts = new LiteDbPostStore(reopened);
        await posts.IndexReadyAsync(ct);

        // Act
        await posts.SaveAsync([TestPosts.Make(2, "Speculative decoding")], ct);
        var count = await posts.CountAsync(new PostQuery(), ct);
        var found = await posts.QueryAsync(new PostQuery { Text = "speculative" }, ct);

        // Assert
        Assert.Equal(2, count);
        Assert.Equal(["p00002"], found.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task OpenOnFirstUse_IndexFolderDeletedAfterTheRecord_RebuildsFromEveryPost()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var indexPath = await WriteAndCommitAsync([TestPosts.Make(1, "Agents one"), TestPosts.Make(2, "Agents two")], ct);
        Directory.Delete(indexPath, recursive: true);

        // Act
        using var reopened = new LiteDbContext(Data, "aifeed.db", openIndex: false);
        var posts = new LiteDbPostStore(reopened);
        await posts.IndexReadyAsync(ct);
        var total = await posts.CountAsync(new PostQuery { Text = "agents" }, ct);

        // Assert
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task OpenOnFirstUse_IndexUnreadableBehindItsRecord_WriteStagesAndNextSearchRebuilds()
    {
        // Arrange: the files keep their names (so the record's commit still looks like the last one) but not their content.
        var ct = TestContext.Current.CancellationToken;
        var indexPath = await WriteAndCommitAsync([TestPosts.Make(1, "Mixture of experts")], ct);
        foreach (var file in Directory.GetFiles(indexPath).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            await File.WriteAllTextAsync(file, "not an index", ct);
        }

        using var reopened = new LiteDbContext(Data, "aifeed.db", openIndex: false);
        var posts = new LiteDbPostStore(reopened);
        await posts.IndexReadyAsync(ct);

        // Act: the write opens the index, which is found empty instead of at the recorded revision.
        await posts.SaveAsync([TestPosts.Make(2, "Experts routing")], ct);
        var found = await posts.QueryAsync(new PostQuery { Text = "experts" }, ct);

        // Assert
        Assert.Equal(["p00001", "p00002"], found.Items.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, reopened.Index.Revision);
    }

    // A one-shot poll's store: the index opened at its first use, committed and recorded at the end.
    private async Task<string> WriteAndCommitAsync(List<Post> posts, CancellationToken cancellationToken)
    {
        using var context = new LiteDbContext(Data, "aifeed.db", openIndex: false);
        var store = new LiteDbPostStore(context);
        await store.IndexReadyAsync(cancellationToken);
        await store.SaveAsync(posts, cancellationToken);
        store.CommitIndex();
        return context.Index.Path;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    // What a write did in LiteDB before the revision log (no log entry), without the index step after it.
    private static void WriteBehindTheIndex(LiteDbContext context, List<Post> posts)
    {
        var revision = context.Metadata.FindById("revision")["value"].AsInt64 + 1;
        posts.ForEach(p => p.Revision = revision);
        context.Posts.Insert(posts);
        context.Metadata.Upsert(new BsonDocument { ["_id"] = "revision", ["value"] = revision });
    }
}
