using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

public abstract class PostSearchTests : StoreContract
{
    [Fact]
    public async Task Query_CommonWordInEveryPost_RanksEveryMatchTitleFirst()
    {
        // Arrange: 450 posts (fewer than the rank depth, PostIndex.DefaultRankDepth) say "model" in the summary; the oldest one and one recent one say it in the title.
        var posts = Enumerable.Range(0, 450).Select(i => Post(i, i is 0 or 400 ? $"Model card {i}" : $"Post {i}", "A model summary")).ToList();
        await db.Posts.SaveAsync(posts, TestContext.Current.CancellationToken);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "mod", Limit = 3 }, TestContext.Current.CancellationToken);
        var next = await db.Posts.QueryAsync(new PostQuery { Text = "mod", Limit = 3, After = page.NextAfter }, TestContext.Current.CancellationToken);
        var count = await db.Posts.CountAsync(new PostQuery { Text = "mod" }, TestContext.Current.CancellationToken);

        // Assert: both title hits, however old, then the newest summary hits.
        Assert.Equal(["Model card 400", "Model card 0", "Post 449"], page.Items.Select(p => p.Title));
        Assert.Equal(["Post 448", "Post 447", "Post 446"], next.Items.Select(p => p.Title));
        Assert.Equal(450, count);
    }

    [Fact]
    public async Task Query_PostRewritten_SearchSeesOnlyItsNewTerms()
    {
        // Arrange: the index is built from the store, then a post is rewritten with another title.
        await db.Posts.SaveAsync([Post(1, "Diffusion models", ""), Post(2, "Other", "")], TestContext.Current.CancellationToken);
        _ = await db.Posts.QueryAsync(new PostQuery { Text = "diffusion" }, TestContext.Current.CancellationToken);
        await db.Posts.SaveAsync([Post(1, "Robotics now", "")], TestContext.Current.CancellationToken);

        // Act
        var old = await db.Posts.QueryAsync(new PostQuery { Text = "diffusion" }, TestContext.Current.CancellationToken);
        var fresh = await db.Posts.QueryAsync(new PostQuery { Text = "robot" }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Empty(old.Items);
        Assert.Equal(["Robotics now"], fresh.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Query_TermsWithOtherFilters_AppliesEveryFilter()
    {
        // Arrange: two matches; one is a cluster member (no LeadKey), one is from another source.
        var member = Post(1, "Agents", "");
        member.LeadKey = "";
        var other = Post(2, "Agents abroad", "");
        other.SourceId = "t";
        other.Sources = ["t"];
        await db.Posts.SaveAsync([member, other, Post(3, "Agents three", "")], TestContext.Current.CancellationToken);

        // Act
        var collapsed = await db.Posts.QueryAsync(new PostQuery { Text = "agents" }, TestContext.Current.CancellationToken);
        var expanded = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Expand = true }, TestContext.Current.CancellationToken);
        var fromS = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Sources = ["s"], Expand = true }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["Agents three", "Agents abroad"], collapsed.Items.Select(p => p.Title));
        Assert.Equal(3, expanded.Items.Count);
        // The one-word title is the denser match, so it ranks first.
        Assert.Equal(["Agents", "Agents three"], fromS.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Query_FewMatches_RanksAllByRelevanceThenRecency()
    {
        // Arrange
        await db.Posts.SaveAsync([Post(1, "Transformers explained", ""), Post(2, "Notes", "about transformers"), Post(3, "Transformer", ""), Post(4, "Other", "")], TestContext.Current.CancellationToken);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "TRANSFORMER" }, TestContext.Current.CancellationToken);

        // Assert: exact title word, then title prefix, then summary prefix.
        Assert.Equal(["Transformer", "Transformers explained", "Notes"], page.Items.Select(p => p.Title));
    }

    internal static Post Post(int i, string title, string summary)
    {
        var post = TestPosts.Make(i, title);
        post.Summary = summary;
        return post;
    }
}

public sealed class PostSearchTestsOnLiteDb : PostSearchTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class PostSearchTestsOnPostgres(TestPostgres server) : PostSearchTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}

/// <summary>The LiteDB provider's search index, rebuilt chunk by chunk.</summary>
public sealed class SearchIndexRebuildTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Query_StoreLargerThanOneBuildChunk_FindsPostsFromEveryChunk()
    {
        // Arrange: more posts than the index reads per hold of the gate, the match in the last chunk.
        var count = LiteDbPostStore.IndexChunk + 10;
        var posts = Enumerable.Range(0, count).Select(i => PostSearchTests.Post(i, i == count - 1 ? "Quantized kernels" : $"Post {i}", "")).ToList();
        await db.Posts.SaveAsync(posts, TestContext.Current.CancellationToken);

        // Act: the index is rebuilt from the store, chunk by chunk.
        await db.Posts.RebuildIndexAsync(TestContext.Current.CancellationToken);
        var reopened = db.Posts;
        var page = await reopened.QueryAsync(new PostQuery { Text = "quantized" }, TestContext.Current.CancellationToken);
        var all = await reopened.CountAsync(new PostQuery { Text = "post" }, TestContext.Current.CancellationToken);
        var stored = await reopened.FindStoredAsync(["p00000", $"p{count - 1:D5}"], TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["Quantized kernels"], page.Items.Select(p => p.Title));
        Assert.Equal(count - 1, all);
        Assert.Equal(2, stored.Count);
    }
}
