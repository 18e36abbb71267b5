using AiFeed.Model;
using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;

namespace AiFeed.Tests.Search;

/// <summary>
/// A search that widens its window of recent time reads only the time each wider window adds
/// (PostIndex.Search): its page, total, facets and listings are those of searching each window whole.
/// </summary>
public sealed class SearchWindowTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Search_WidenedThroughSeveralWindows_SameAnswerAsEachWindowSearchedWhole()
    {
        // Arrange: 4,000 posts a minute apart, written in batches (several segments), the word
        // rarer the newer the post, so that a search ranking 20 deep widens through three windows
        // of part of the store; tags and sources vary, for the facets and the filters.
        var ct = TestContext.Current.CancellationToken;
        const int count = 4000;
        var posts = Enumerable.Range(0, count).Select(i =>
        {
            var age = count - 1 - i;
            var holds = age < 80 ? age % 16 == 0 : age < 480 ? age % 40 == 0 : age % 4 == 0;
            return TestPosts.Make(i, holds ? $"Kalomi agents {i % 7}" : $"Agents update {i % 7}", $"s{i % 3}", i / 4 % 2 == 0 ? ["agents", "llm"] : ["agents"]);
        }).ToList();
        foreach (var batch in posts.Chunk(500))
        {
            await store.Posts.SaveAsync(batch, ct);
        }

        await store.Posts.IndexReadyAsync(ct);
        var index = store.Context.Index;
        index.RankDepth = 20;
        var text = SearchSyntax.Parse("kalomi")!;
        var queries = new PostQuery[]
        {
            new() { Text = "kalomi" },
            new() { Text = "kalomi", Expand = true },
            new() { Text = "kalomi", Tags = ["llm"] },
            new() { Text = "kalomi", Sources = ["s1", "s2"] },
            new() { Text = "kalomi", Until = posts[3990].SortAt },
            new() { Text = "kalomi", Since = posts[1000].SortAt },
        };

        // The windows stop short of the whole store: an estimate.
        Assert.False(index.Search(queries[0], text, 0, 10).Exact);
        foreach (var query in queries)
        {
            foreach (var skip in new[] { 0, 10 })
            {
                // Act
                index.WindowsAfresh = true;
                var whole = index.Search(query, text, skip, 10, listings: true);
                index.WindowsAfresh = false;
                var added = index.Search(query, text, skip, 10, listings: true);

                // Assert
                Assert.True(whole.Ids.Count == 10, $"{query} skip {skip}: {whole.Ids.Count} ids, total {whole.Total}");
                Assert.Equal(whole.Exact, added.Exact);
                Assert.Equal(whole.Ids, added.Ids);
                Assert.Equal(whole.Total, added.Total);
                Assert.Equal(whole.Tags, added.Tags);
                Assert.Equal(whole.Sources, added.Sources);
                Assert.Equal(whole.Listings!.Select(l => (l.Id, l.TitleHasTerms, l.BodyHasTerms)), added.Listings!.Select(l => (l.Id, l.TitleHasTerms, l.BodyHasTerms)));
            }
        }
    }
}
