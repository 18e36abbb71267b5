using AiFeed.Model;
using AiFeed.Search;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;

namespace AiFeed.Tests.Search;

/// <summary>
/// Story lookups across the hand-over of recent writes: past <see cref="PostIndex.MaxRecent"/> the
/// index's staging thread reopens the searcher and the writer drops what it now holds.
/// </summary>
public sealed class RecentWritesTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task FindByKeys_MoreWritesThanRecentWritesHold_FindsEveryPostByItsLatestKeys()
    {
        // Arrange: enough batches for a hand-over or two, each key shared by posts of every batch;
        // post 1 is written again with other keys after the first hand-over.
        var ct = TestContext.Current.CancellationToken;
        await db.MemoryIndexesBuiltAsync(ct);
        const int keys = 50;
        const int batch = 250;
        var total = PostIndex.MaxRecent + (4 * batch);
        for (var first = 1; first <= total; first += batch)
        {
            var posts = Enumerable.Range(first, batch).Select(i => Keyed(i, $"u:k{i % keys}", $"0:{i % keys:D4}")).ToList();
            if (first > PostIndex.MaxRecent)
            {
                posts.Add(Keyed(1, "u:moved", "0:moved"));
            }

            await db.Posts.SaveAsync(posts, ct);
            // Lookups between writes, as clustering makes them.
            _ = await db.Posts.FindByKeysAsync(new StoryLookup([$"u:k{first % keys}"], [], []), ct);
        }

        // Act
        var byKey = new List<IReadOnlyList<Post>>();
        for (var k = 0; k < keys; k++)
        {
            byKey.Add(await db.Posts.FindByKeysAsync(new StoryLookup([$"u:k{k}"], [], [$"0:{k:D4}"]), ct));
        }

        var moved = await db.Posts.FindByKeysAsync(new StoryLookup(["u:moved"], [], []), ct);

        // Assert: every post once under its key, post 1 only under its new one.
        for (var k = 0; k < keys; k++)
        {
            var expected = Enumerable.Range(1, total).Where(i => i % keys == k && i != 1).Select(i => $"p{i:D5}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, byKey[k].Select(p => p.Id).Order(StringComparer.Ordinal));
        }

        Assert.Equal("p00001", Assert.Single(moved).Id);
    }

    private static Post Keyed(int i, string story, string band) => ClusterAndSourceLookupTests.Keyed(i, story, title: "", band);
}
