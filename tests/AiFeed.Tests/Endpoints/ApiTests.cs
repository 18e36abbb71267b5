using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// The public API over a store filled by a real poll: 60 posts from "labs" (tag lab) and 45 from
/// "papers" (tag papers), one hour apart, newest first.
/// </summary>
public sealed class ApiTests(ApiTests.Fixture fixture) : IClassFixture<ApiTests.Fixture>
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private HttpClient Client => fixture.App.CreateClient();

    [Fact]
    public async Task ListPosts_NoFilters_NewestFirstWithFields()
    {
        // Act
        var page = await GetAsync("/api/posts?limit=5");

        // Assert
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        var first = items[0];
        Assert.Equal("labs post 0", first.GetProperty("title").GetString());
        Assert.Equal("labs", first.GetProperty("sourceId").GetString());
        Assert.Equal("Source labs", first.GetProperty("sourceName").GetString());
        Assert.Equal("https://labs.example.org/posts/0", first.GetProperty("url").GetString());
        Assert.Equal(Newest.UtcDateTime, first.GetProperty("publishedAt").GetDateTime().ToUniversalTime());
        Assert.Equal("Summary of labs post 0 about language models.", first.GetProperty("summary").GetString());
        // The catalog has no taxonomy, so the shipped one applies: the summary is about language models.
        Assert.Equal(["lab", "llm"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Array, first.GetProperty("alsoIn").ValueKind);
        var dates = items.Select(i => i.GetProperty("publishedAt").GetDateTime()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task ListPosts_FollowingCursors_VisitsEveryPostOnce()
    {
        // Arrange
        var seen = new List<string>();
        var url = "/api/posts?limit=17";

        // Act
        while (true)
        {
            var page = await GetAsync(url);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                break;
            }

            url = $"/api/posts?limit=17&cursor={cursor}";
        }

        // Assert
        Assert.Equal(105, seen.Count);
        Assert.Equal(105, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("source=papers", 45)]
    [InlineData("source=labs,papers", 105)]
    [InlineData("source=labs&source=papers", 105)]
    [InlineData("tag=lab", 60)]
    [InlineData("tag=LAB", 60)]
    [InlineData("tag=lab&tag=papers", 0)]
    [InlineData("q=papers", 45)]
    [InlineData("q=Language+MODELS", 105)]
    [InlineData("q=post+42+papers", 1)]
    [InlineData("since=2026-11-25T00:00:00Z", 25)]
    [InlineData("until=2026-11-23T12:00:00Z", 105 - 49 - 45)]
    [InlineData("source=nobody", 0)]
    public async Task CountPosts_Filters_CountMatchingPosts(string query, int expected)
    {
        // Act
        var body = await GetAsync($"/api/posts/count?{query}");

        // Assert
        Assert.Equal(expected, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ListPosts_Filters_ApplyToItems()
    {
        // Act
        var page = await GetAsync("/api/posts?source=papers&limit=200");

        // Assert
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(45, items.Count);
        Assert.All(items, i => Assert.Equal("papers", i.GetProperty("sourceId").GetString()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2026-13-45", "until")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("source=Bad%20Id", "source")]
    [InlineData("since=2026-11-26&until=2026-11-25", "until")]
    public async Task ListPosts_BadQueryValue_Answers400ProblemNamingIt(string query, string parameter)
    {
        // Act
        var response = await Client.GetAsync($"/api/posts?{query}", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name '{parameter}'");
    }

    [Fact]
    public async Task GetPost_KnownId_ReturnsSanitisedContent()
    {
        // Arrange
        var id = (await GetAsync("/api/posts?source=labs&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();

        // Act
        var post = await GetAsync($"/api/posts/{id}");

        // Assert
        Assert.Equal(id, post.GetProperty("id").GetString());
        Assert.Contains("<p>Summary of labs post 0", post.GetProperty("contentHtml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPost_Tags_EachSaysWhyItWasGiven()
    {
        // Arrange
        var id = (await GetAsync("/api/posts?source=labs&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();

        // Act
        var post = await GetAsync($"/api/posts/{id}");

        // Assert
        var reasons = post.GetProperty("tagReasons").EnumerateArray()
            .Select(r => (r.GetProperty("tag").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("lab", "source tag"), ("llm", "keyword \"language model*\" in summary")], reasons);
        Assert.Equal(reasons.Select(r => r.Item1), post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task GetPost_UnknownId_Answers404Problem()
    {
        // Act
        var response = await Client.GetAsync("/api/posts/nope", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("no post has the id 'nope'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Answers404Problem()
    {
        // Act
        var response = await Client.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AdminPoll_WithoutMatchingKey_Answers401(string? key)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/poll");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        // Act
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminPoll_WithKey_PollsAndReportsTotals()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/poll?source=papers");
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);

        // Act
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1, summary.GetProperty("sources").GetInt32());
        Assert.Equal(1, summary.GetProperty("not_modified").GetInt32());
    }

    [Fact]
    public async Task AdminPoll_UnknownSource_Answers404()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/poll?source=nobody");
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);

        // Act
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_RunningService_IsHealthy(string path)
    {
        // Act
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheEndpoints()
    {
        // Act
        var document = await GetAsync("/openapi/v1.json");

        // Assert
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/posts", out _));
        Assert.True(paths.TryGetProperty("/api/posts/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/sources", out _));
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TempDirectory folder = new();
        private LoopbackServer server = null!;

        public AiFeedApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
            server.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 60, Newest)));
            server.MapFeed("/papers.xml", () => Rss("Papers", Items("papers", 45, Newest.AddMinutes(-30))));
            App = new AiFeedApp(CatalogFile.Write(folder.File("feeds.json"), [
                CatalogFile.Source("labs", server.Url("/labs.xml"), ["lab"]),
                CatalogFile.Source("papers", server.Url("/papers.xml"), ["papers"]),
            ]));
            await App.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await server.DisposeAsync();
            folder.Dispose();
        }
    }
}
