using AiFeed.Ingestion.Processing;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

public sealed class PostSearchTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly LiteDbContext context;
    private readonly LiteDbPostStore store;

    public PostSearchTests()
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
    public async Task Query_CommonWordBeyondCandidateCap_RanksNewestMatchesTitleFirst()
    {
        // Arrange: 1,500 posts say "model" in the summary; the oldest one and one recent one say it in the title.
        var posts = Enumerable.Range(0, 1500).Select(i => Post(i, i is 0 or 1400 ? $"Model card {i}" : $"Post {i}", "A model summary")).ToList();
        await store.SaveAsync(posts, TestContext.Current.CancellationToken);

        // Act
        var page = await store.QueryAsync(new PostQuery { Terms = SearchTerms.Normalize("mod"), Limit = 3 }, TestContext.Current.CancellationToken);
        var next = await store.QueryAsync(new PostQuery { Terms = SearchTerms.Normalize("mod"), Limit = 3, After = page.NextAfter }, TestContext.Current.CancellationToken);

        // Assert: the title hit among the newest 1,000 first, then the newest summary hits.
        Assert.Equal(["Model card 1400", "Post 1499", "Post 1498"], page.Items.Select(p => p.Title));
        Assert.Equal(["Post 1497", "Post 1496", "Post 1495"], next.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Query_FewMatches_RanksAllByRelevanceThenRecency()
    {
        // Arrange
        await store.SaveAsync([Post(1, "Transformers explained", ""), Post(2, "Notes", "about transformers"), Post(3, "Transformer", ""), Post(4, "Other", "")], TestContext.Current.CancellationToken);

        // Act
        var page = await store.QueryAsync(new PostQuery { Terms = SearchTerms.Normalize("TRANSFORMER") }, TestContext.Current.CancellationToken);

        // Assert: exact title word, then title prefix, then summary prefix.
        Assert.Equal(["Transformer", "Transformers explained", "Notes"], page.Items.Select(p => p.Title));
    }

    private static Post Post(int i, string title, string summary)
    {
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i);
        var id = $"p{i:D5}";
        var key = $"{at.Ticks:D19}:{id}";
        return new Post
        {
            Id = id, SourceId = "s", Title = title, Summary = summary, SortAt = at, SortKey = key, LeadKey = key, ClusterId = id,
            Terms = SearchTerms.Extract(title, summary), TitleTermCount = SearchTerms.Extract(title).Count,
        };
    }
}
