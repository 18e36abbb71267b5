using System.Text.Json;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Storage;

/// <summary>Two nodes on one PostgreSQL database: what one writes, the other serves, its cached lists included.</summary>
public sealed class PostgresNodesTests(TestPostgres server) : IClassFixture<TestPostgres>
{
    [Fact]
    public async Task Write_OnOneNode_OtherNodesCachedListShowsIt()
    {
        // Arrange: node B has the list cached (30 s), then node A stores a post.
        TestPostgres.EnsureConfigured();
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = server.ConnectionString };
        await using var a = new AiFeedApp(settings: settings);
        await using var b = new AiFeedApp(settings: settings);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        await a.Services.GetRequiredService<IPostStore>().SaveAsync([TestPosts.Make(1, "First")], ct);
        Assert.Equal(["First"], await TitlesAsync(clientB, ct));

        // Act
        await a.Services.GetRequiredService<IPostStore>().SaveAsync([TestPosts.Make(2, "Second")], ct);

        // Assert: B's cache was dropped by A's notification (well before its 30 s expiry).
        await Eventually.ReachAsync(() => TitlesAsync(clientB, ct), titles => titles.Count == 2, "node B listing node A's new post");
        Assert.Equal(2, await CountAsync(clientA, ct));
        Assert.Equal(2, await CountAsync(clientB, ct));
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, CancellationToken ct)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/posts", UriKind.Relative), ct));
        return [.. body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];
    }

    private static async Task<long> CountAsync(HttpClient client, CancellationToken ct)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/posts/count", UriKind.Relative), ct));
        return body.RootElement.GetProperty("count").GetInt64();
    }
}
