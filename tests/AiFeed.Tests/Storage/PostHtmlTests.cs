using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>
/// A post's HTML on both stores: posts are read without it and say so, the posts a page shows get it
/// in one read, a re-save of a post read without it keeps the stored HTML, and an update that brings
/// HTML (or says there is none) replaces (or removes) it.
/// </summary>
public abstract class PostHtmlTests : StoreContract
{
    private const string Html = "<p>The first version of the post's body.</p>";

    private const string NewHtml = "<p>The source rewrote the body.</p>";

    [Fact]
    public async Task Get_PostWithHtml_ComesWithoutItAndSaysSo()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([WithHtml(1, Html)], ct);

        // Act
        var read = (await db.Posts.GetAsync("p00001", ct))!;
        var unloaded = Record.Exception(() => read.ContentHtml);
        await db.Posts.LoadHtmlAsync([read], ct);

        // Assert
        Assert.IsType<InvalidOperationException>(unloaded);
        Assert.True(read.HasContent);
        Assert.True(read.ContentLoaded);
        Assert.Equal(Html, read.ContentHtml);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Save_PostsReadWithoutHtml_KeepTheirStoredHtml(bool indexReady)
    {
        // Arrange: re-tagging reads batches in id order, a story merge reads the posts it rewrites.
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([WithHtml(1, Html), WithHtml(2, NewHtml), TestPosts.Make(3)], ct);
        if (indexReady)
        {
            await db.ReadyAsync(ct);
        }

        var batch = await db.Posts.ListBatchAsync(null, 10, ct);
        var merged = await db.Posts.GetManyAsync(["p00002"], ct);

        // Act
        foreach (var post in batch)
        {
            post.Tags = ["llm"];
        }

        merged[0].ClusterId = "p00001";
        await db.Posts.SaveAsync(batch, ct);
        await db.Posts.SaveAsync(merged, ct);

        // Assert
        var after = await db.Posts.GetManyAsync(["p00001", "p00002", "p00003"], ct);
        await db.Posts.LoadHtmlAsync(after, ct);
        var byId = after.ToDictionary(p => p.Id);
        Assert.Equal(Html, byId["p00001"].ContentHtml);
        Assert.Equal(NewHtml, byId["p00002"].ContentHtml);
        Assert.Null(byId["p00003"].ContentHtml);
        Assert.Equal(["llm"], byId["p00001"].Tags);
        Assert.Equal("p00001", byId["p00002"].ClusterId);
        Assert.Equal([true, true, false], after.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p.HasContent));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Save_UpdateBringingNewHtml_ReplacesIt(bool indexReady)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await StoreWithHtmlAsync(indexReady, ct);

        // Act: the source changed the item; the poll builds the post again, HTML included.
        await db.Posts.SaveAsync([WithHtml(1, NewHtml)], ct);

        // Assert
        Assert.Equal(NewHtml, (await db.Posts.GetWithHtmlAsync("p00001", ct))!.ContentHtml);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Save_UpdateSayingThereIsNoHtml_RemovesIt(bool indexReady)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await StoreWithHtmlAsync(indexReady, ct);

        // Act: the source now carries the item without a body (docs/configuration.md: the stored copy follows the source).
        await db.Posts.SaveAsync([WithHtml(1, null)], ct);

        // Assert
        var read = (await db.Posts.GetAsync("p00001", ct))!;
        Assert.False(read.HasContent);
        await db.Posts.LoadHtmlAsync([read], ct);
        Assert.Null(read.ContentHtml);
    }

    [Fact]
    public async Task Save_PostReadWithoutHtmlThenGivenHtml_StoresTheNewHtml()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([WithHtml(1, Html), TestPosts.Make(2)], ct);
        var read = await db.Posts.GetManyAsync(["p00001", "p00002"], ct);

        // Act
        foreach (var post in read)
        {
            post.ContentHtml = NewHtml;
        }

        await db.Posts.SaveAsync(read, ct);

        // Assert
        var after = await db.Posts.GetManyAsync(["p00001", "p00002"], ct);
        Assert.All(after, p => Assert.True(p.HasContent));
        await db.Posts.LoadHtmlAsync(after, ct);
        Assert.All(after, p => Assert.Equal(NewHtml, p.ContentHtml));
    }

    [Fact]
    public async Task LoadHtml_PostsWithAndWithoutHtml_EachGetsItsOwnAndLoadedOnesStayAsTheyAre()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([WithHtml(1, Html), TestPosts.Make(2), WithHtml(3, NewHtml)], ct);
        var read = (await db.Posts.GetManyAsync(["p00001", "p00002", "p00003"], ct)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        read[2].ContentHtml = "<p>Edited here, not stored.</p>";

        // Act
        await db.Posts.LoadHtmlAsync(read, ct);

        // Assert
        Assert.Equal([Html, null, "<p>Edited here, not stored.</p>"], read.Select(p => p.ContentHtml));
        Assert.All(read, p => Assert.True(p.ContentLoaded));
    }

    [Fact]
    public async Task Reads_ListsSearchesAndLookups_ComeWithoutHtml()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([WithHtml(1, Html), TestPosts.Make(2)], ct);
        await db.ReadyAsync(ct);

        // Act: what lists, searches, rankings, re-tagging and clustering read.
        var reads = new List<Post>();
        reads.AddRange((await db.Posts.QueryAsync(new PostQuery(), ct)).Items);
        reads.AddRange((await db.Posts.QueryAsync(new PostQuery { Text = "post" }, ct)).Items);
        reads.AddRange(await db.Posts.ListLeadsSinceAsync(DateTime.MinValue, [], ct));
        reads.AddRange(await db.Posts.ListBatchAsync(null, 10, ct));
        reads.AddRange(await db.Posts.GetManyAsync(["p00001", "p00002"], ct));
        reads.AddRange(await db.Stories.GetEvidenceAsync(["p00001", "p00002"], ct));

        // Assert: each says whether it has HTML without carrying it, and no HTML was read.
        Assert.Equal(12, reads.Count);
        Assert.All(reads, p => Assert.False(p.ContentLoaded));
        Assert.All(reads, p => Assert.Equal(p.Id == "p00001", p.HasContent));
        Assert.All(reads, p => Assert.Throws<InvalidOperationException>(() => p.ContentHtml));
        Assert.Equal(0, db.HtmlReads ?? 0);
    }

    // Post 1 stored with HTML; with the search index ready, LiteDB updates in place instead of upserting.
    private async Task StoreWithHtmlAsync(bool indexReady, CancellationToken ct)
    {
        await db.Posts.SaveAsync([WithHtml(1, Html)], ct);
        if (indexReady)
        {
            await db.ReadyAsync(ct);
        }
    }

    private static Post WithHtml(int i, string? html)
    {
        var post = TestPosts.Make(i);
        post.ContentHtml = html;
        return post;
    }
}

public sealed class PostHtmlTestsOnLiteDb : PostHtmlTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class PostHtmlTestsOnPostgres(TestPostgres server) : PostHtmlTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}
