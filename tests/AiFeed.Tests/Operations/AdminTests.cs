using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Operations;

public sealed class AdminTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private LoopbackServer server = null!;
    private AiFeedApp app = null!;
    private HttpClient client = null!;
    private bool failing;

    public async ValueTask InitializeAsync()
    {
        server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.MapFeed("/a.xml", () => Rss("A", [new Item("One", "https://a.example.org/1", Published: new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero))]));
        server.Map("/flaky.xml", async context =>
        {
            context.Response.StatusCode = failing ? 500 : 200;
            await context.Response.WriteAsync(failing ? "down" : Rss("Flaky", []), TestContext.Current.CancellationToken);
        });
        app = new AiFeedApp(CatalogFile.Write(folder.File("feeds.json"), [
            CatalogFile.Source("a", server.Url("/a.xml")),
            CatalogFile.Source("flaky", server.Url("/flaky.xml")),
        ]));
        client = app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Theory]
    [InlineData("POST", "/api/admin/poll")]
    [InlineData("GET", "/api/admin/sources/a")]
    [InlineData("POST", "/api/admin/sources/a/pause")]
    [InlineData("POST", "/api/admin/sources/a/resume")]
    [InlineData("POST", "/api/admin/sources/a/clear-errors")]
    public async Task AdminRoute_WrongOrMissingKey_401ProblemAndNothingDone(string method, string path)
    {
        // Act
        using var missing = await SendAsync(method, path, key: null);
        using var wrong = await SendAsync(method, path, key: "not-the-key");

        // Assert
        foreach (var response in new[] { missing, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(server.Requests);
        var source = await AdminGetAsync("a");
        Assert.False(source.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task AdminRoute_NoKeyConfigured_OffEvenWithAHeader()
    {
        // Arrange
        await using var off = new AiFeedApp(app.FeedsPath, settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = string.Empty });
        using var offClient = off.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/sources/a/pause");
        request.Headers.Add("X-Api-Key", string.Empty);

        // Act
        using var response = await offClient.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("admin API is off", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_ThenDueAndPollAll_SkipsSourceUntilResumed()
    {
        // Act
        using var paused = await SendAsync("POST", "/api/admin/sources/a/pause");
        await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var whilePaused = server.CountRequests("/a.xml");
        var status = await StatusAsync("a");
        using var resumed = await SendAsync("POST", "/api/admin/sources/a/resume");
        await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True((await paused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("paused").GetBoolean());
        Assert.Equal(0, whilePaused);
        Assert.Equal("paused", status);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(1, server.CountRequests("/a.xml"));
        Assert.Equal("ok", await StatusAsync("a"));
    }

    [Fact]
    public async Task PollOne_WithKey_RefreshesThatSourceAndShowsLastFetch()
    {
        // Act
        using var poll = await SendAsync("POST", "/api/admin/poll?source=a");
        var source = await AdminGetAsync("a");

        // Assert
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(1, (await poll.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("sources").GetInt32());
        Assert.Equal(0, server.CountRequests("/flaky.xml"));
        var fetch = source.GetProperty("lastFetch");
        Assert.Equal(200, fetch.GetProperty("statusCode").GetInt32());
        Assert.True(fetch.GetProperty("bytes").GetInt64() > 100);
        Assert.True(fetch.GetProperty("durationMs").GetDouble() > 0);
        Assert.StartsWith("\"", fetch.GetProperty("eTag").GetString(), StringComparison.Ordinal);
        Assert.Equal("Wed, 25 Nov 2026 10:00:00 GMT", fetch.GetProperty("lastModified").GetString());
        Assert.Equal("feed", fetch.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ClearErrors_AfterFailures_ResetsStreakAndMakesSourceDue()
    {
        // Arrange: two failures put flaky in backoff.
        failing = true;
        await app.Poller.PollNowAsync("flaky", TestContext.Current.CancellationToken);
        await app.Poller.PollNowAsync("flaky", TestContext.Current.CancellationToken);
        var before = await AdminGetAsync("flaky");
        failing = false;

        // Act
        using var cleared = await SendAsync("POST", "/api/admin/sources/flaky/clear-errors");
        await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(2, before.GetProperty("consecutiveErrors").GetInt32());
        Assert.Equal("degraded", before.GetProperty("status").GetString());
        var body = await cleared.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(0, body.GetProperty("consecutiveErrors").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("lastError").ValueKind);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("ok", await StatusAsync("flaky"));
    }

    [Fact]
    public async Task AdminSource_UnknownId_404Problem()
    {
        // Act
        using var response = await SendAsync("POST", "/api/admin/sources/nope/pause");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? key = AiFeedApp.ApiKey)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<JsonElement> AdminGetAsync(string id)
    {
        using var response = await SendAsync("GET", $"/api/admin/sources/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private async Task<string?> StatusAsync(string id)
    {
        var sources = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/sources", UriKind.Relative), TestContext.Current.CancellationToken);
        return sources.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("status").GetString();
    }
}
