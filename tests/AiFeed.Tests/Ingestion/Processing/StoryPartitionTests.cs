using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// Stories as a function of the set of posts: no chains through look-alikes, and the same stories
/// whatever order and batches the posts reach the store in (StoryResolver and StoryWrites against a
/// real store, compared with StoryPartition over all posts at once).
/// </summary>
public sealed class StoryPartitionTests
{
    private static readonly DateTime Day = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Split_ChainOfLookalikes_NoSnowball()
    {
        // Arrange: ten posts of ten blogs a day apart under one title, each summary 2 bits from the
        // one before: every neighbour is "similar", the ends are not. Matching any member made one
        // story of all ten.
        var posts = Enumerable.Range(0, 10)
            .Select(i => Evidence(i, $"s{i}", "Gemini brings faster reasoning to every app", 0x5A5A_0000_0000_0000L | ((1L << (2 * i)) - 1), Day.AddDays(i)))
            .ToList();

        // Act
        var stories = StoryPartition.Split(posts);

        // Assert: each story is its anchor and posts that match the anchor itself.
        Assert.All(stories, s => Assert.All(s.Members.Skip(1), m => Assert.NotEqual(MatchReason.None, DuplicateRule.Match(m, s.Anchor))));
        Assert.Equal([2, 2, 2, 2, 2], stories.Select(s => s.Members.Count));
        Assert.Equal(["p000", "p002", "p004", "p006", "p008"], stories.Select(s => s.Anchor.Id));
    }

    [Fact]
    public void Split_SameUrlAcrossStories_OneStoryNeverSplit()
    {
        // Arrange: b re-posts a's URL under another title; c is like b by title and text, not like a.
        var a = Evidence(0, "lab", "Orca three ships today for all", 0x1111L, Day, url: "lab.example/orca");
        var b = Evidence(1, "letter", "Weekly digest of model releases", 0x2222L << 20, Day.AddHours(1), url: "lab.example/orca");
        var c = Evidence(2, "blog", "Weekly digest of model releases", 0x2222L << 20, Day.AddHours(2));

        // Act
        var stories = StoryPartition.Split([c, b, a]);

        // Assert: a and b are one post (same URL); c matches b, not the story's anchor a.
        Assert.Equal([["p000", "p001"], ["p002"]], stories.Select(s => s.Members.Select(m => m.Id).ToList()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Resolve_PostsInAnyOrderAndBatches_StoresTheStoriesOfTheWholeSet(int seed)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var all = Generated(seed);
        var whole = WithRepeats(all);
        var expected = Partition(StoryPartition.Split(whole).Select(s => s.Members.Select(m => m.Id)));
        TestContext.Current.TestOutputHelper?.WriteLine($"{expected.Count} stories, sizes {string.Join(',', expected.Select(s => s.Split(' ').Length).Where(n => n > 1))}; {whole.Count(p => p.TextRepeated)} repeated summaries");
        var random = new Random(seed * 7919);
        using var db = new TempStore();
        var resolver = new StoryResolver(db.Posts);

        // Act: shuffled, in batches of 1 to 8, as polls of sources in any order would bring them.
        var order = all.OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < order.Count;)
        {
            var batch = order.Skip(i).Take(random.Next(1, 9)).Select(Copy).ToList();
            i += batch.Count;
            var changed = batch.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var plan = await resolver.ResolveAsync(batch, changed.Keys.ToHashSet(StringComparer.Ordinal), ct);
            var (posts, records, removed) = await StoryWrites.ApplyAsync(plan, changed, db.Posts, Day, ct);
            await db.Posts.SaveStoriesAsync(posts, records, removed, ct);
        }

        // Assert
        var stored = await db.Posts.ListBatchAsync(null, 1_000, ct);
        Assert.Equal(all.Count, stored.Count);
        Assert.Equal(expected, Partition(stored.GroupBy(p => p.ClusterId, StringComparer.Ordinal).Select(g => g.Select(p => p.Id))));
        foreach (var story in stored.GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            Assert.Single(story, p => p.LeadKey.Length > 0);
            var record = Assert.Single(await db.Posts.GetStoriesAsync([story.Key], ct));
            Assert.Equal(story.Select(p => p.Id).Order(StringComparer.Ordinal), record.Members.Order(StringComparer.Ordinal));
        }
    }

    // Sixty posts of fifteen sources over three weeks, built to collide: three titles, eight summaries
    // that drift by a few bits, re-posts of another source's URL, links to other posts, and one
    // source that repeats a summary (boilerplate) under different posts.
    private static List<Post> Generated(int seed)
    {
        var random = new Random(seed);
        string[] titles = ["Gemini brings faster reasoning to every app", "Open weights for the new small model", "Safety report on agent evaluations"];
        var posts = new List<Post>();
        for (var i = 0; i < 60; i++)
        {
            var source = $"s{random.Next(15)}";
            var title = random.Next(4) == 0 ? $"Unique story number {i} of the week" : titles[random.Next(titles.Length)];
            var text = source == "s14" ? 0x7777_7777_0000_0000L : SpreadBits(random.Next(8)) ^ (1L << random.Next(6)) ^ (1L << random.Next(6));
            var post = Evidence(i, source, title, text, Day.AddHours(random.Next(21 * 24)));
            if (i > 0 && random.Next(7) == 0)
            {
                post.StoryKeys = [posts[random.Next(i)].StoryKeys[0]];
            }

            if (i > 0 && random.Next(6) == 0)
            {
                post.Links = [posts[random.Next(i)].StoryKeys[0]];
            }

            posts.Add(post);
        }

        return posts;
    }

    // Eight summaries far apart in bits (a SplitMix64 step).
    private static long SpreadBits(int k)
    {
        var z = unchecked((ulong)(k + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        return unchecked((long)(z ^ (z >> 31))) | 1L << 40;
    }

    // What the resolver learns along the way, decided over the whole set at once.
    private static List<Post> WithRepeats(List<Post> posts)
    {
        var copies = posts.Select(Copy).ToList();
        foreach (var a in copies)
        {
            a.TextRepeated = copies.Any(b => DuplicateRule.RepeatsText(a, b));
        }

        return copies;
    }

    private static List<string> Partition(IEnumerable<IEnumerable<string>> stories) =>
        [.. stories.Select(s => string.Join(' ', s.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)];

    private static Post Evidence(int i, string source, string title, long text, DateTime at, string? url = null)
    {
        var id = $"p{i:D3}";
        var key = url ?? $"{source}.example/{id}";
        return new Post
        {
            Id = id,
            SourceId = source,
            Title = title,
            Url = "https://" + key,
            PublishedAt = at,
            FirstSeenAt = at,
            SortAt = at,
            SortKey = Post.SortKeyOf(at, id),
            Sources = [source],
            ClusterId = id,
            StoryKeys = ["u:" + key],
            TitleKey = string.Join(' ', SearchTerms.Words(title)),
            TextHash = text,
            TextBands = SimHash.BandKeys(text),
        };
    }

    private static Post Copy(Post p) => new()
    {
        Id = p.Id,
        SourceId = p.SourceId,
        Title = p.Title,
        Url = p.Url,
        PublishedAt = p.PublishedAt,
        FirstSeenAt = p.FirstSeenAt,
        SortAt = p.SortAt,
        SortKey = p.SortKey,
        Sources = [.. p.Sources],
        ClusterId = p.Id,
        StoryKeys = [.. p.StoryKeys],
        TitleKey = p.TitleKey,
        TextHash = p.TextHash,
        TextBands = [.. p.TextBands],
        Links = [.. p.Links],
    };
}
