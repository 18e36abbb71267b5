using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AiFeed.Tests.Endpoints;

/// <summary>With no posts, the home page and /api/sources say why: not polled yet, or failing and how.</summary>
public sealed class EmptyStateTests : LoopbackTests
{
    [Fact]
    public async Task HomePage_BeforeTheFirstPoll_SaysNotPolledYet()
    {
        // Arrange
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("lab", Server.Url("/feed.xml"))]));
        using var client = app.CreateClient();

        // Act
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("No stories yet: 1 source not polled yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePageAndSourcesApi_EverySourceFailing_SayWhichFailureNotNotPolled()
    {
        // Arrange
        Server.Map("/a.xml", Unavailable);
        Server.Map("/b.xml", Unavailable);
        await using var app = new AiFeedApp(CatalogFile.Write(
            Folder.File("feeds.json"), [CatalogFile.Source("a", Server.Url("/a.xml")), CatalogFile.Source("b", Server.Url("/b.xml"))]));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        using var client = app.CreateClient();

        // Act
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var sources = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/sources", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("No stories yet: 2 sources failed (HTTP 503 Service Unavailable: 2).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not polled", html, StringComparison.Ordinal);
        var polling = sources.GetProperty("polling");
        Assert.Equal((2, 0, 2), (polling.GetProperty("enabled").GetInt32(), polling.GetProperty("notPolled").GetInt32(), polling.GetProperty("failing").GetInt32()));
        Assert.Equal("2 sources failed (HTTP 503 Service Unavailable: 2)", polling.GetProperty("summary").GetString());
    }

    private static Task Unavailable(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    }
}
