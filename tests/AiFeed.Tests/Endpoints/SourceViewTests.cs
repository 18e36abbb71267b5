using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>One source view behind /sources, /api/sources and the admin API: they agree, a paused source included.</summary>
public sealed class SourceViewTests : LoopbackTests
{
    [Fact]
    public async Task PausedSource_EveryView_NoNextPollAndPaused()
    {
        // Arrange
        Server.MapFeed("/lab.xml", () => Rss("Lab", Items("lab", 2, Newest)));
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("lab", Server.Url("/lab.xml"))]));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AiFeedApp.ApiKey);
        using var pause = await client.PostAsync(new Uri("/api/admin/sources/lab/pause", UriKind.Relative), null, TestContext.Current.CancellationToken);

        // Act
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/sources", UriKind.Relative), TestContext.Current.CancellationToken);
        var admin = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/admin/sources/lab", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await client.GetStringAsync(new Uri("/sources", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        pause.EnsureSuccessStatusCode();
        var listed = list.GetProperty("sources")[0];
        Assert.Equal((JsonValueKind.Null, "paused", true), (listed.GetProperty("nextPollAt").ValueKind, listed.GetProperty("status").GetString(), listed.GetProperty("paused").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, "paused", true), (admin.GetProperty("nextPollAt").ValueKind, admin.GetProperty("status").GetString(), admin.GetProperty("paused").GetBoolean()));
        Assert.Equal(listed.GetProperty("url").GetString(), admin.GetProperty("feedUrl").GetString());
        Assert.DoesNotContain("next poll in", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" min</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>paused</td>", page, StringComparison.Ordinal);
    }
}
