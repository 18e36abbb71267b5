using System.Net;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>The output-cached list and ranking API: answers stay fresh across polls and catalog edits.</summary>
public sealed class ApiCachingTests : LoopbackTests
{
    private AiFeedApp app = null!;

    protected override async ValueTask StartedAsync()
    {
        Server.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 5, Newest)));
        app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("labs", Server.Url("/labs.xml"), ["lab"])]), now: Newest.AddHours(1));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
    }

    protected override ValueTask StoppingAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/api/posts?limit=50")]
    [InlineData("/api/top?hours=48")]
    public async Task CachedAnswer_AfterPollStoresPost_ShowsNewPost(string path)
    {
        // Arrange
        using var client = app.CreateClient();
        var before = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var cached = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        Server.MapFeed("/labs.xml", () => Rss("Labs", [new Item("labs breaking news", "https://labs.example.org/posts/new", Published: Newest.AddMinutes(5)), .. Items("labs", 5, Newest)]));

        // Act
        await app.Poller.PollNowAsync("labs", TestContext.Current.CancellationToken);
        var after = await client.GetStringAsync(path, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(before, cached);
        Assert.DoesNotContain("labs breaking news", before, StringComparison.Ordinal);
        Assert.Contains("labs breaking news", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAnswer_AskedOnceThenTwice_StoredOnlyFromTheSecondAsk()
    {
        // Arrange: an answer served from the cache carries an Age header.
        using var client = app.CreateClient();
        const string path = "/api/posts?limit=7";

        // Act
        using var first = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        using var second = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        using var third = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        using var fourth = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert: the first answer was not stored, the second was.
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
        Assert.NotNull(third.Headers.Age);
        Assert.NotNull(fourth.Headers.Age);
        Assert.Equal(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CachedList_AfterCatalogRenamesSource_ShowsNewName()
    {
        // Arrange
        using var client = app.CreateClient();
        var before = await client.GetStringAsync("/api/posts", TestContext.Current.CancellationToken);

        // Act
        File.WriteAllText(app.FeedsPath, File.ReadAllText(app.FeedsPath).Replace("Source labs", "Renamed Labs", StringComparison.Ordinal));
        var after = await Eventually.ReachAsync(
            () => client.GetStringAsync("/api/posts", TestContext.Current.CancellationToken),
            body => body.Contains("Renamed Labs", StringComparison.Ordinal),
            "the cached list names the renamed source");

        // Assert
        Assert.Contains("Source labs", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Source labs", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchmarkBaseline_NotConfigured_NotFound()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri("/bench/baseline?bytes=100", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("bytes=1234&type=rss", HttpStatusCode.OK, "application/rss+xml")]
    [InlineData("bytes=1234", HttpStatusCode.OK, "application/json")]
    [InlineData("bytes=0", HttpStatusCode.BadRequest, "bytes")]
    [InlineData("bytes=10&type=html", HttpStatusCode.BadRequest, "type")]
    public async Task BenchmarkBaseline_Enabled_AnswersSizeOrNamesParameter(string query, HttpStatusCode status, string expected)
    {
        // Arrange
        await using var enabled = new AiFeedApp(app.FeedsPath, settings: new Dictionary<string, string?> { ["Benchmark:BaselineEndpoint"] = "true" });
        using var client = enabled.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri($"/bench/baseline?{query}", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(1234, body.Length);
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            using var problem = JsonDocument.Parse(body);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(expected, out _));
        }
    }
}
