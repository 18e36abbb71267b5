using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// An operator adds a tag with keywords to feeds.json (docs/tags.md): after the restart, posts stored
/// before the edit carry it with the keyword that gave it, beside the shipped tags, and it filters lists.
/// </summary>
public sealed class TaxonomyEditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory folder = new();
    private LoopbackServer server = null!;

    public async ValueTask InitializeAsync()
    {
        server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.MapFeed("/lab.xml", () => Rss("Lab", [
            new Item("Forty logical qubits on one chip", "https://lab.example/qubits", Published: Now.AddHours(-2), Description: "Error correction at scale."),
            new Item("A robot arm learns to pour coffee", "https://lab.example/robot", Published: Now.AddHours(-3), Description: "Imitation from ten demonstrations."),
        ]));
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task FeedsJson_TagAddedWithKeywords_StoredPostsGetItWithItsReasonAfterRestart()
    {
        // Arrange: a catalog without taxonomy (the shipped tags), polled once.
        var feeds = CatalogFile.Write(folder.File("feeds.json"), [CatalogFile.Source("lab", server.Url("/lab.xml"))]);
        var data = new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder.File("data") };
        await using (var before = new AiFeedApp(feeds, Now, data))
        {
            await before.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
            var qubits = await FindAsync(before, "Forty logical qubits on one chip");
            Assert.DoesNotContain("quantum", Tags(qubits));
        }

        // Act: the operator adds a tag; the service restarts over the same store.
        CatalogFile.Write(feeds, [CatalogFile.Source("lab", server.Url("/lab.xml"))], taxonomy: new
        {
            tags = new[] { new { name = "quantum", label = "Quantum computing", keywords = new[] { "qubit*", "quantum comput*" } } },
        });
        await using var after = new AiFeedApp(feeds, Now, data);
        var post = await FindAsync(after, "Forty logical qubits on one chip");
        var detail = await after.CreateClient().GetFromJsonAsync<JsonElement>($"/api/posts/{post.GetProperty("id").GetString()}", TestContext.Current.CancellationToken);
        var listed = await after.CreateClient().GetFromJsonAsync<JsonElement>("/api/posts?tag=quantum", TestContext.Current.CancellationToken);

        // Assert
        var reasons = detail.GetProperty("tagReasons").EnumerateArray()
            .Select(r => (r.GetProperty("tag").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("quantum", "keyword \"qubit*\" in title"), reasons);
        Assert.Equal(["Forty logical qubits on one chip"], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        var robot = await FindAsync(after, "A robot arm learns to pour coffee");
        Assert.Contains("robotics", Tags(robot));
        Assert.DoesNotContain("quantum", Tags(robot));
    }

    private static async Task<JsonElement> FindAsync(AiFeedApp app, string title)
    {
        var page = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/posts?source=lab", TestContext.Current.CancellationToken);
        return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title);
    }

    private static List<string?> Tags(JsonElement post) => [.. post.GetProperty("tags").EnumerateArray().Select(t => t.GetString())];
}
