using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>aifeed copy-store: a LiteDB store moved into PostgreSQL without loss, and the API answering the same after.</summary>
public sealed partial class CopyStoreTests(TestPostgres server) : IClassFixture<TestPostgres>
{
    private static readonly DateTime Now = new(2026, 11, 26, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CopyStore_EveryCollection_SameCountsAndChecksumsAndTheSameApiAnswers()
    {
        // Arrange: a LiteDB store with every kind of record, served once on LiteDB.
        TestPostgres.EnsureConfigured();
        var ct = TestContext.Current.CancellationToken;
        var target = await server.CreateAnotherAsync("copy");
        using var folder = new TempDirectory();
        var data = folder.File("data");
        await SeedAsync(data, ct);
        List<string> before;
        await using (var lite = new AiFeedApp(settings: new Dictionary<string, string?> { ["Storage:DataDirectory"] = data }))
        {
            before = await AnswersAsync(lite, ct);
        }

        // Act
        var copy = await AiFeedProcess.RunAsync(folder.Path, ct, "copy-store", "--from", $"litedb:{data}", "--to", $"postgres:{target}");
        var again = await AiFeedProcess.RunAsync(folder.Path, ct, "copy-store", "--from", $"litedb:{data}", "--to", $"postgres:{target}");
        await using var postgres = new AiFeedApp(settings: new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = target });
        var after = await AnswersAsync(postgres, ct);

        // Assert: both sides of every collection agree, and the API's answers are the same.
        Assert.True(copy.ExitCode == 0, copy.Stderr);
        var rows = copy.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith("copied", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["posts", "stories", "sources", "metadata", "newsletters", "newsletter_versions", "subscribers", "newsletter_deliveries"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal((r[1], r[2]), (r[3], r[4])));
        Assert.Equal("30", rows[0][1]);
        Assert.Contains("every collection has the same count and checksum on both sides", copy.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds data (aifeed_posts", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(Unmarked(before), Unmarked(after));
        Assert.Contains("<mark>agents</mark>", after[4], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("--from", "data", "--to", "postgres:Host=x", "aifeed: --from: 'data' is not litedb:DIR (the LiteDB data folder) (see 'aifeed copy-store --help')")]
    [InlineData("--from", "litedb:/nonexistent-aifeed", "--to", "postgres:Host=x", "aifeed: --from: there is no LiteDB data file at '/nonexistent-aifeed/aifeed.db' (see 'aifeed copy-store --help')")]
    [InlineData("--from", "litedb:.", "--to", "Host=x", "aifeed: --to: 'Host=x' is not postgres:CONNSTRING (e.g. postgres:Host=db;Database=aifeed;Username=aifeed) (see 'aifeed copy-store --help')")]
    public async Task CopyStore_BadArgument_OneLineAndExitTwo(string from, string fromValue, string to, string toValue, string expected)
    {
        // Arrange
        using var folder = new TempDirectory();
        await SeedAsync(folder.File("data"), TestContext.Current.CancellationToken);
        var workingDirectory = folder.File("data");

        // Act
        var result = await AiFeedProcess.RunAsync(workingDirectory, TestContext.Current.CancellationToken, "copy-store", from, fromValue, to, toValue);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task CopyStore_ServerUnreachable_OneLineAndExitOne()
    {
        // Arrange
        using var folder = new TempDirectory();
        await SeedAsync(folder.File("data"), TestContext.Current.CancellationToken);

        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, TestContext.Current.CancellationToken, "copy-store", "--from", $"litedb:{folder.File("data")}", "--to", "postgres:Host=127.0.0.1;Port=1;Database=none;Timeout=2");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("aifeed: the PostgreSQL database 'none' on 127.0.0.1:1 cannot be used", Assert.Single(result.Stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    // Highlight fragments are cut by each engine (docs/search.md#postgresql); everything else must match.
    private static List<string> Unmarked(List<string> answers) => [.. answers.Select(a => Highlights().Replace(a, "\"highlights\":{}"))];

    [System.Text.RegularExpressions.GeneratedRegex("\"highlights\":\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}")]
    private static partial System.Text.RegularExpressions.Regex Highlights();

    // The answers a reader and an API client see, on one store.
    private static async Task<List<string>> AnswersAsync(AiFeedApp app, CancellationToken ct)
    {
        using var client = app.CreateClient();
        var answers = new List<string>();
        foreach (var url in new[] { "/api/posts", "/api/posts?expand=true&limit=7", "/api/posts?tag=llm", "/api/posts?source=t", "/api/posts?q=agents", "/api/posts?q=agent%20tools&expand=true", "/api/posts/count", "/api/posts/count?q=benchmarks", "/api/tags", "/api/posts/p00003", "/api/newsletter/", "/api/newsletter/2026-11-25/versions" })
        {
            using var response = await client.GetAsync(url, ct);
            answers.Add($"{url} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }

        return answers;
    }

    // 30 posts over two sources and tags (HTML long enough to be compressed in LiteDB), a story of
    // two, a paused source, metadata, an issue with an earlier version, a subscriber and a delivery.
    private static async Task SeedAsync(string dataDirectory, CancellationToken ct)
    {
        using var context = new LiteDbContext(dataDirectory, "aifeed.db");
        var posts = new LiteDbPostStore(context);
        var all = Enumerable.Range(0, 30).Select(i =>
        {
            var post = TestPosts.Make(i, i % 3 == 0 ? $"Agents and tools {i}" : $"Benchmarks for models {i}", source: i % 2 == 0 ? "s" : "t", tags: i % 2 == 0 ? ["llm", "agents"] : ["llm"]);
            post.Summary = $"Summary {i}: agents, benchmarks and evaluations.";
            post.ContentHtml = "<p>" + string.Concat(Enumerable.Repeat($"Paragraph of post {i}. ", 60)) + "</p>";
            post.Url = $"https://lab.example/{i}";
            post.PublishedAt = post.SortAt;
            post.FirstSeenAt = Now;
            post.StoryKeys = [$"u:lab.example/{i}"];
            return post;
        }).ToList();
        all[4].ClusterId = all[3].Id;
        all[4].LeadKey = "";
        all[3].Sources = ["t", "s"];
        var story = new StoryRecord { Id = all[3].Id, Members = [all[3].Id, all[4].Id], AnchorId = all[3].Id, LeadId = all[3].Id, UpdatedAt = Now };
        await posts.SaveStoriesAsync(all, [story], [], ct);

        using var states = new LiteDbSourceStateStore(context);
        await states.SaveAsync(SourceStateStoreTests.Fetched(Now) with { SourceId = "s", Paused = true, PausedAt = Now }, ct);
        await states.SaveAsync(SourceStateStoreTests.Fetched(Now) with { SourceId = "t", Attempts = [new ReadAttempt { Step = ReadAttemptStep.Feed, Outcome = ReadAttemptOutcome.Ok, Items = 3 }] }, ct);
        await new LiteDbMetadataStore(context).SetAsync("taxonomy-hash", "abc123", ct);

        var newsletters = new LiteDbNewsletterStore(context);
        await newsletters.TryAddAsync(Issue(1), ct);
        await newsletters.ReplaceAsync(Issue(2), ct);
        var subscribers = new LiteDbSubscriberStore(context);
        await subscribers.TryAddAsync(new Subscriber { Id = "sub1", Email = "Ann@example.com", EmailKey = "ann@example.com", SubscribedAt = Now, ConfirmedAt = Now, LastConfirmationMailAt = Now, ConfirmationMails = 1 }, ct);
        await subscribers.TryClaimDeliveryAsync("2026-11-25", "sub1", Now, 3, ct);
        await subscribers.CompleteDeliveryAsync("2026-11-25", "sub1", DeliveryState.Sent, null, Now, ct);
    }

    private static FrozenIssue Issue(int version) => new()
    {
        Date = "2026-11-25",
        Version = version,
        ComposedAt = Now.AddMinutes(version),
        WindowStart = Now.AddDays(-1),
        WindowEnd = Now,
        Subject = $"AI & ML daily, version {version}",
        PostCount = 2,
        Json = "{\"version\":" + version + "}",
        Html = $"<h1>Issue v{version}</h1>",
        Markdown = $"# Issue v{version}",
        Text = $"Issue v{version}",
    };
}
