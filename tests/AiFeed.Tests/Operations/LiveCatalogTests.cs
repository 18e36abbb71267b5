using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Operations;

/// <summary>
/// Edits of feeds.json against a running host with the scheduler on: the catalog, the API and
/// readiness after each edit.
/// </summary>
public sealed class LiveCatalogTests : LoopbackTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private AiFeedApp app = null!;
    private HttpClient client = null!;

    private string FeedsPath => Folder.File("feeds.json");

    protected override ValueTask StartedAsync()
    {
        foreach (var id in new[] { "a", "b", "c" })
        {
            Server.MapFeed($"/{id}.xml", () => Rss(id, [new Item($"{id} post", $"https://{id}.example.org/1", Published: Published)]));
        }

        CatalogFile.Write(FeedsPath, [Source("a")]);

        // The dispatcher runs at start and then only when a catalog change triggers it.
        app = new AiFeedApp(FeedsPath, settings: new Dictionary<string, string?>
        {
            ["Polling:Enabled"] = "true",
            ["Polling:DispatchInterval"] = "01:00:00",
        });
        client = app.CreateClient();
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask StoppingAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task EditSequence_AddRemoveBreakFixHalfWritten_AppliesGoodEditsOnlyAndReports()
    {
        // Start: a is polled by the dispatcher's first run.
        await SourcesUntilAsync(s => Status(s, "a") == "ok", "a polled at start");

        // Add b: polled within seconds, without waiting for the dispatch interval.
        CatalogFile.Write(FeedsPath, [Source("a"), Source("b")]);
        var afterAdd = await SourcesUntilAsync(s => Status(s, "b") == "ok", "b added and polled");
        Assert.Empty(Errors(afterAdd));
        Assert.Equal(1, Server.CountRequests("/b.xml"));

        // Remove a: no longer listed or polled; its posts stay, marked as from a removed source.
        CatalogFile.Write(FeedsPath, [Source("b")]);
        var afterRemove = await SourcesUntilAsync(s => Ids(s).SequenceEqual(["b"]), "a removed");
        var removed = afterRemove.GetProperty("removedSources").EnumerateArray().Single();
        Assert.Equal("a", removed.GetProperty("id").GetString());
        Assert.Equal(1, removed.GetProperty("postCount").GetInt32());
        var posts = await GetJsonAsync("/api/posts?source=a");
        var post = posts.GetProperty("items").EnumerateArray().Single();
        Assert.True(post.GetProperty("sourceRemoved").GetBoolean());
        Assert.Equal("a", post.GetProperty("sourceName").GetString());
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal(1, Server.CountRequests("/a.xml"));

        // Break: a duplicate id. The last good catalog stays; the error is positioned and reported.
        File.WriteAllText(FeedsPath, Catalog(Source("b"), Source("c"), Source("b")));
        var afterBreak = await SourcesUntilAsync(s => Errors(s).Count > 0, "the broken edit reported");
        Assert.Equal(["b"], Ids(afterBreak));
        var error = Assert.Single(Errors(afterBreak));
        Assert.Matches(@"feeds\.json:\d+:\d+: feeds\[2\]\.id: duplicate id 'b'", error);
        Assert.False(afterBreak.GetProperty("catalog").GetProperty("valid").GetBoolean());
        var (readyStatus, ready) = await ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Degraded", ready.GetProperty("checks").GetProperty("catalog").GetProperty("status").GetString());
        Assert.Contains("duplicate id 'b'", ready.GetProperty("checks").GetProperty("catalog").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Server.CountRequests("/c.xml"));

        // Fix, saved the way editors do (write a temporary file, rename it over the original).
        var temporary = Folder.File("feeds.json.tmp");
        File.WriteAllText(temporary, Catalog(Source("b"), Source("c")));
        File.Move(temporary, FeedsPath, overwrite: true);
        var afterFix = await SourcesUntilAsync(s => Errors(s).Count == 0 && Status(s, "c") == "ok", "the fix applied and c polled");
        Assert.Equal(["b", "c"], Ids(afterFix));
        (readyStatus, ready) = await ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("catalog").GetProperty("status").GetString());

        // Half-written: the first half of a new catalog stays on disk for several check
        // intervals. It never comes into force; the whole file does once it is complete.
        var full = Encoding.UTF8.GetBytes(Catalog(Source("a"), Source("b"), Source("c")));
        var half = full.Length / 2;
        await using (var stream = new FileStream(FeedsPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            await stream.WriteAsync(full.AsMemory(0, half), TestContext.Current.CancellationToken);
            await stream.FlushAsync(TestContext.Current.CancellationToken);
            var halfSeen = await SourcesUntilAsync(s => Errors(s).Count > 0, "the half file reported");
            Assert.Equal(["b", "c"], Ids(halfSeen));
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
                Assert.Equal(["b", "c"], Ids(await GetJsonAsync("/api/sources")));
            }

            await stream.WriteAsync(full.AsMemory(half), TestContext.Current.CancellationToken);
        }

        var afterWhole = await SourcesUntilAsync(s => Errors(s).Count == 0 && Ids(s).Count == 3, "the complete file applied");
        Assert.Equal(["a", "b", "c"], Ids(afterWhole));
        Assert.DoesNotContain(afterWhole.GetProperty("removedSources").EnumerateArray(), r => r.GetProperty("id").GetString() == "a");
    }

    [Fact]
    public async Task ChangedInterval_Shorter_MakesSourceDueAtOnce()
    {
        // Arrange: a polled at start with its 1 h interval.
        File.WriteAllText(FeedsPath, Catalog(Source("a", "01:00:00")));
        await SourcesUntilAsync(s => Status(s, "a") == "ok" && Server.CountRequests("/a.xml") == 1, "a polled at start");
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        // Act: the interval drops to 5 minutes, which have passed since the last poll.
        File.WriteAllText(FeedsPath, Catalog(Source("a", "00:05:00")));

        // Assert
        await Eventually.ReachAsync(() => Task.FromResult(Server.CountRequests("/a.xml")), n => n == 2, "a polled again");
    }

    private object Source(string id) => CatalogFile.Source(id, Server.Url($"/{id}.xml"));

    private object Source(string id, string pollInterval) =>
        new { id, name = $"Source {id}", url = Server.Url($"/{id}.xml").AbsoluteUri, pollInterval };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Catalog(params object[] feeds) =>
        JsonSerializer.Serialize(new { defaults = new { requestTimeout = "00:00:10" }, feeds }, Indented);

    private async Task<JsonElement> GetJsonAsync(string path) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    private Task<JsonElement> SourcesUntilAsync(Func<JsonElement, bool> done, string what) =>
        Eventually.ReachAsync(() => GetJsonAsync("/api/sources"), done, what);

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    private static List<string> Ids(JsonElement sources) =>
        [.. sources.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    private static string? Status(JsonElement sources, string id) =>
        sources.GetProperty("sources").EnumerateArray().FirstOrDefault(s => s.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } source
            ? source.GetProperty("status").GetString()
            : null;

    private static List<string> Errors(JsonElement sources) =>
        [.. sources.GetProperty("catalog").GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
}
