using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using LiteDB;

namespace AiFeed.Tests.Storage;

/// <summary>A store written when the HTML lived in the post document is moved over on open, and reads back whole.</summary>
public sealed class HtmlUpgradeTests : IDisposable
{
    private static readonly string LongHtml = StoredHtmlTests.LongHtml;

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private LiteDbContext Open() => new(folder.File("data"), "aifeed.db");

    [Fact]
    public async Task Open_StoreWithHtmlInPostDocuments_MovesItApartAndEveryPostReadsBackWhole()
    {
        // Arrange: posts as the two older layouts kept them (compressed bytes, and a plain string
        // before compression), one without HTML, and more than one upgrade batch of them.
        var ct = TestContext.Current.CancellationToken;
        var expected = new Dictionary<string, (BsonDocument Doc, string? Html)>(StringComparer.Ordinal);
        using (var context = Open())
        {
            var store = new LiteDbPostStore(context);
            var posts = Enumerable.Range(1, 2_100).Select(i =>
            {
                var post = TestPosts.Make(i);
                post.ContentHtml = (i % 3) switch { 0 => null, 1 => LongHtml + i, _ => $"<p>Short {i}.</p>" };
                post.Categories = ["c" + i];
                return post;
            }).ToList();
            await store.SaveAsync(posts, ct);

            var raw = context.Database.GetCollection("posts");
            var html = context.Database.GetCollection("post_html");
            foreach (var doc in raw.FindAll().ToList())
            {
                var id = doc["_id"].AsString;
                var record = html.FindById(id);
                if (record is not null)
                {
                    doc["ContentHtml"] = record["html"];
                    html.Delete(id);
                }

                raw.Update(doc);
                expected[id] = (doc, posts.Single(p => p.Id == id).ContentHtml);
            }

            context.Database.GetCollection("metadata").Delete("post-html");
            Assert.Equal(0, html.Count());
            Assert.Contains(raw.FindAll(), d => d["ContentHtml"].IsBinary);
            Assert.Contains(raw.FindAll(), d => d["ContentHtml"].IsString);
        }

        // Act
        using var reopened = Open();
        var upgraded = new LiteDbPostStore(reopened);

        // Assert: every field as it was, the HTML the same, and now in its own collection.
        var read = await upgraded.GetManyAsync([.. expected.Keys], ct);
        await upgraded.LoadHtmlAsync(read, ct);
        Assert.Equal(expected.Count, read.Count);
        var rawAfter = reopened.Database.GetCollection("posts");
        foreach (var post in read)
        {
            var (before, html) = expected[post.Id];
            Assert.Equal(html, post.ContentHtml);
            var after = rawAfter.FindById(post.Id);
            Assert.Equal(html is not null, after.TryGetValue("ContentHtml", out var marker) && marker.AsBoolean);
            foreach (var field in before.Keys.Where(k => k != "ContentHtml"))
            {
                Assert.Equal(before[field], after[field]);
            }

            Assert.Equal(before.Keys.Count, after.Keys.Count);
        }

        Assert.Equal(expected.Values.Count(e => e.Html is not null), reopened.Database.GetCollection("post_html").Count());
        Assert.DoesNotContain(rawAfter.FindAll(), d => d.TryGetValue("ContentHtml", out var v) && (v.IsBinary || v.IsString));
    }

    [Fact]
    public async Task Open_UpgradedStore_LeavesItAsItIs()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using (var context = Open())
        {
            var post = TestPosts.Make(1);
            post.ContentHtml = LongHtml;
            await new LiteDbPostStore(context).SaveAsync([post], ct);
        }

        // Act
        using var reopened = Open();

        // Assert
        Assert.Equal(LongHtml, (await new LiteDbPostStore(reopened).GetWithHtmlAsync("p00001", ct))!.ContentHtml);
        Assert.Equal("apart", reopened.Database.GetCollection("metadata").FindById("post-html")["value"].AsString);
    }
}
