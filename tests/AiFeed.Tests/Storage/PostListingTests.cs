using System.Text.Json;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>ListAsync (what lists read, from the search index on LiteDB) answers exactly what QueryAsync answers.</summary>
public abstract class PostListingTests : StoreContract
{
    [Fact]
    public async Task List_AnyFilterCursorOrSearch_AnswersWhatQueryAnswers()
    {
        // Arrange: 300 posts over three sources and two tags, with times below the millisecond, missing
        // dates and authors, stories of several posts (members without a LeadKey), a post carried by
        // two sources, and posts sharing a sort time (ordered by id).
        var ct = TestContext.Current.CancellationToken;
        var posts = Enumerable.Range(0, 300).Select(Varied).ToList();
        await db.Posts.SaveAsync(posts[..150], ct);
        await db.ReadyAsync(ct);
        // Written after the index caught up: answered from the index's unflushed writes.
        await db.Posts.SaveAsync(posts[150..], ct);
        var since = new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc);
        var until = new DateTime(2026, 1, 1, 3, 30, 0, DateTimeKind.Utc);
        PostQuery[] queries =
        [
            new() { Limit = 50 },
            new() { Limit = 50, Expand = true },
            new() { Limit = 7, Tags = ["rare"] },
            new() { Limit = 20, Tags = ["common"], Expand = true },
            new() { Limit = 20, Sources = ["t"] },
            new() { Limit = 20, Sources = ["u", "t"], Expand = true },
            new() { Limit = 30, Since = since, Until = until },
            new() { Limit = 30, Since = since, Until = until, Expand = true },
            new() { Limit = 20, Text = "agents" },
            new() { Limit = 20, Text = "agents robots", Expand = true },
            new() { Limit = 20, Text = "\"open weights\"", Tags = ["common"] },
        ];

        foreach (var first in queries)
        {
            // Act: every page of the query, through both methods.
            for (var (query, pages) = (first, 0); pages < 50; pages++)
            {
                var expected = await db.Posts.QueryAsync(query, ct);
                var listed = await db.Posts.ListAsync(query, ct);

                // Assert
                Assert.Equal(Json(new ListingPage([.. expected.Items.Select(PostListing.Of)], expected.NextAfter, expected.Search)), Json(listed));
                if (listed.NextAfter is null)
                {
                    break;
                }

                query = query with { After = listed.NextAfter };
            }
        }
    }

    [Fact]
    public async Task List_PostTooLongForTheIndexListing_ReadsItFromTheStore()
    {
        // Arrange: a title far longer than a listing the index keeps (32 KB).
        var ct = TestContext.Current.CancellationToken;
        var long1 = TestPosts.Make(1, "Agents " + new string('x', 40_000));
        await db.Posts.SaveAsync([long1, TestPosts.Make(2, "Agents two")], ct);
        await db.ReadyAsync(ct);

        // Act
        var newest = await db.Posts.ListAsync(new PostQuery(), ct);
        var found = await db.Posts.ListAsync(new PostQuery { Text = "agents" }, ct);

        // Assert
        Assert.Equal(["p00002", "p00001"], newest.Items.Select(p => p.Id));
        Assert.Equal(long1.Title, newest.Items[1].Title);
        Assert.Equal(2, found.Items.Count);
    }

    private static string Json(ListingPage page) => JsonSerializer.Serialize(page);

    // Post i: i minutes into 2026 plus a fraction of a millisecond; every fifth post shares the time
    // of the one before; every tenth joins the story of the post before it.
    private static Post Varied(int i)
    {
        var post = TestPosts.Make(i, i % 3 == 0 ? $"Agents and robots {i}" : i % 7 == 0 ? $"Open weights {i}" : $"Post {i}");
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i - (i % 5 == 0 && i > 0 ? 1 : 0)).AddTicks(4_999 + i);
        post.SortAt = at;
        post.PublishedAt = i % 4 == 0 ? null : at;
        post.FirstSeenAt = at.AddTicks(12_345);
        post.UpdatedAt = i % 6 == 0 ? default : at.AddTicks(1);
        post.SortKey = Post.SortKeyOf(at, post.Id);
        post.LeadKey = post.SortKey;
        post.Summary = i % 2 == 0 ? $"About agents, open weights and robots, part {i}." : "";
        post.Author = i % 3 == 1 ? null : $"Author {i % 4}";
        post.Url = i % 8 == 0 ? null : $"https://example.com/{i}";
        post.SourceId = (i % 3) switch { 0 => "s", 1 => "t", _ => "u" };
        post.Sources = [post.SourceId];
        post.Tags = i % 11 == 0 ? ["rare", "common"] : i % 2 == 0 ? ["common"] : [];
        if (i % 10 == 9)
        {
            var lead = $"p{i - 1:D5}";
            post.ClusterId = lead;
            post.LeadKey = "";
        }

        if (i % 10 == 8)
        {
            post.AlsoIn = [new AlsoIn { SourceId = "v", Url = $"https://v.example.com/{i}" }];
            post.Sources = [post.SourceId, "v"];
        }

        return post;
    }
}

public sealed class PostListingTestsOnLiteDb : PostListingTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class PostListingTestsOnPostgres(TestPostgres server) : PostListingTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}
