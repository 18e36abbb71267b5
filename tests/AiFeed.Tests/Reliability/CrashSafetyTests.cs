using System.Text.Json;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Reliability;

/// <summary>
/// A child process polls while feeds grow and is killed with SIGKILL at random points. After each
/// kill the store opens, holds at least what every completed poll reported, holds no story twice,
/// and the next poll completes. The search index beside it agrees with it once the store opens: the
/// index catches up from the revision its last commit reached (docs/search.md).
/// </summary>
public sealed class CrashSafetyTests : LoopbackTests
{
    private const int Feeds = 24;
    private const int Rounds = 20;

    [Fact]
    public async Task Poll_KilledAtRandomPoints_StoreStaysConsistent()
    {
        // Arrange: every round each feed gains two posts, so there is always work to interrupt.
        var round = 0;
        var sources = new List<object>();
        for (var f = 0; f < Feeds; f++)
        {
            var prefix = $"crash{f}";
            Server.MapFeed($"/c{f}.xml", () => Rss(prefix, BigItems(prefix, 40 + (2 * Volatile.Read(ref round)))));
            sources.Add(CatalogFile.Source($"c{f}", Server.Url($"/c{f}.xml")));
        }

        var feeds = CatalogFile.Write(Folder.File("feeds.json"), sources);
        var data = Folder.File("data");
        var random = new Random(20261126);
        long reported = 0;
        var killed = 0;

        // Act
        for (round = 0; round < Rounds; round++)
        {
            using var child = AiFeedProcess.Start(Folder.Path, "poll", "--feeds", feeds, "--data", data, "--json");
            var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var finished = child.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (await Task.WhenAny(finished, Task.Delay(random.Next(300, 2500), TestContext.Current.CancellationToken)) != finished)
            {
                child.Kill(entireProcessTree: true);
                killed++;
            }

            await finished;
            if (child.ExitCode == 0 && (await stdout).Trim() is { Length: > 0 } line)
            {
                reported = JsonDocument.Parse(line).RootElement.GetProperty("stored_posts").GetInt64();
            }

            // Assert (each round)
            AssertConsistent(data, reported);
        }

        var final = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--feeds", feeds, "--data", data, "--json");

        // Assert
        Assert.True(final.ExitCode == 0, final.Stderr);
        var summary = JsonDocument.Parse(final.Stdout).RootElement;
        var expected = Feeds * (40 + (2 * Rounds)); // round ends at Rounds, so the feeds serve one round more
        Assert.Equal(expected, summary.GetProperty("stored_posts").GetInt64());
        Assert.Equal(expected, AssertConsistent(data, expected));
        Assert.True(killed > 0, "no round was interrupted: the test proved nothing");
        TestContext.Current.TestOutputHelper?.WriteLine($"{killed} of {Rounds} polls killed; {expected} posts stored once each");
    }

    private static int AssertConsistent(string data, long atLeast)
    {
        using var context = new LiteDbContext(data, "aifeed.db");
        var store = new LiteDbPostStore(context);
        var posts = new List<Post>();
        string? after = null;
        do
        {
            var page = store.QueryAsync(new PostQuery { Limit = PostQuery.MaxLimit, After = after }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
            posts.AddRange(page.Items);
            after = page.NextAfter;
        }
        while (after is not null);

        Assert.True(posts.Count >= atLeast, $"{posts.Count} posts stored, a completed poll reported {atLeast}");
        Assert.Equal(posts.Count, posts.Select(p => p.Url).Distinct(StringComparer.Ordinal).Count());

        // The index: every stored post and every story, each findable by a word of its text.
        var ct = TestContext.Current.CancellationToken;
        var stored = context.Posts.Count();
        Assert.Equal(stored, store.CountAsync(new PostQuery { Expand = true }, ct).GetAwaiter().GetResult());
        Assert.Equal(posts.Count, store.CountAsync(new PostQuery(), ct).GetAwaiter().GetResult());
        Assert.Equal(stored, store.CountAsync(new PostQuery { Text = "language models", Expand = true }, ct).GetAwaiter().GetResult());
        return posts.Count;
    }

    private static IEnumerable<Item> BigItems(string prefix, int count) =>
        Items(prefix, count, Newest).Select(i => i with { Content = string.Concat(Enumerable.Repeat($"<p>{i.Title}: a paragraph of model news.</p>", 60)) });
}
