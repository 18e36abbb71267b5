using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>The reader pages as HTML: what they link, what they refuse to render, and their headers.</summary>
public sealed class ReaderPagesTests(ReaderPagesTests.Fixture fixture) : IClassFixture<ReaderPagesTests.Fixture>
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    private HttpClient Client => fixture.App.CreateClient();

    [Fact]
    public async Task Home_NoFilters_StrictHeadersAutodiscoveryAndNewestFirst()
    {
        // Act
        using var response = await Client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss&#x2B;xml\" title=\"AiFeed (RSS)\" href=\"/feed.xml\" />", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/feed.atom\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/feed.json\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("labs post 0", StringComparison.Ordinal) < html.IndexOf("labs post 1<", StringComparison.Ordinal));
        Assert.Contains("<time datetime=\"2026-11-26T06:00:00Z\" title=\"26 Nov 2026, 06:00 UTC\" data-relative>2 h ago</time>", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?cursor=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_FilteredByTag_OnlyThatTagAndFilteredFeedLinks()
    {
        // Act
        var html = WebUtility.HtmlDecode(await Client.GetStringAsync("/?tag=papers", TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("papers post 0", html, StringComparison.Ordinal);
        Assert.DoesNotContain("labs post 0", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/feed.xml?tag=papers\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_BadCursor_ValidationProblem()
    {
        // Act
        using var response = await Client.GetAsync("/?cursor=nope", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task PostPage_HostilePost_RendersNoScriptHandlerOrJavascriptUrl()
    {
        // Arrange
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/posts?source=hostile", TestContext.Current.CancellationToken);
        var id = list.GetProperty("items")[0].GetProperty("id").GetString();

        // Act
        var html = await Client.GetStringAsync($"/post/{id}", TestContext.Current.CancellationToken);
        var home = await Client.GetStringAsync("/?source=hostile", TestContext.Current.CancellationToken);

        // Assert
        foreach (var page in new[] { html, home })
        {
            Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
            // Only images through AiFeed's own proxy.
            Assert.DoesNotContain("<img src=\"http", page, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("Safe paragraph survives.", html, StringComparison.Ordinal);
        // The image loads through AiFeed's proxy, its handler gone.
        Assert.Contains("<img src=\"/images/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.example.org", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPage_UnknownId_NotFoundProblem()
    {
        // Act
        using var response = await Client.GetAsync("/post/nope", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Top_WeightedSourceFirst()
    {
        // Act
        var html = await Client.GetStringAsync("/top", TestContext.Current.CancellationToken);

        // Assert: labs weighs 3, papers 1 and were published half an hour apart.
        Assert.True(html.IndexOf("labs post 0", StringComparison.Ordinal) < html.IndexOf("papers post 0", StringComparison.Ordinal));
        Assert.Contains("aria-current=\"page\">Top today", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_Page_StatusCountsAndPlainError()
    {
        // Act
        var html = await Client.GetStringAsync("/sources", TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("<span class=\"status status-ok\">ok</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-degraded\">degraded</span>", html, StringComparison.Ordinal);
        Assert.Contains("The feed address no longer exists.", html, StringComparison.Ordinal);
        Assert.Contains("read the feed: 40 items", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_VersionedUrl_CachedForever()
    {
        // Arrange
        var html = await Client.GetStringAsync("/sources", TestContext.Current.CancellationToken);
        var start = html.IndexOf("/assets/reader.css?v=", StringComparison.Ordinal);
        var url = html[start..html.IndexOf('"', start)];

        // Act
        using var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_TagFilter_ListsEveryTopicTagAndSourceTag()
    {
        // Act
        var html = await Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Assert: topic tags from the taxonomy, even one no post carries yet, and the sources' tags.
        Assert.Contains("id=\"tag-language-models\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tag-robotics\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tag-lab\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tag-papers\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_Search_OwnHeadingCountAndResultPager()
    {
        // Act
        var html = WebUtility.HtmlDecode(await Client.GetStringAsync("/?q=language+models", TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("<h1>Search results for “language models”</h1>", html, StringComparison.Ordinal);
        Assert.Contains("50 posts, best match first", html, StringComparison.Ordinal);
        Assert.Contains(">More results</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Older</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_Tag_OwnHeadingAndCount()
    {
        // Act
        var html = WebUtility.HtmlDecode(await Client.GetStringAsync("/?tag=papers", TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("<h1>Tagged #papers</h1>", html, StringComparison.Ordinal);
        Assert.Contains("10 posts, newest first", html, StringComparison.Ordinal);
        Assert.Contains("<title>Tagged #papers · AiFeed</title>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page", 404, "Not found")]
    [InlineData("/post/nope", 404, "Post not found")]
    [InlineData("/?cursor=nope", 400, "cursor: is not a cursor this API returned")]
    public async Task Browser_Error_HtmlPageInTheLayout(string path, int status, string text)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        // Act
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"brand\" href=\"/\">AiFeed</a>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/posts/nope")]
    [InlineData("/feed.xml?limit=0")]
    public async Task ApiAndFeeds_ErrorForBrowserAccept_StillProblemDetails(string path)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,*/*;q=0.8");

        // Act
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TempDirectory folder = new();
        private LoopbackServer server = null!;

        public AiFeedApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
            server.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 40, Newest)));
            server.MapFeed("/papers.xml", () => Rss("Papers", Items("papers", 10, Newest.AddMinutes(30))));
            server.MapFeed("/hostile.xml", () => Rss("Hostile", [HostileItem]));
            var feeds = CatalogFile.Write(folder.File("feeds.json"), [
                new { id = "labs", name = "Source labs", url = server.Url("/labs.xml").AbsoluteUri, tags = new[] { "lab" }, weight = 3 },
                CatalogFile.Source("papers", server.Url("/papers.xml"), ["papers"]),
                CatalogFile.Source("hostile", server.Url("/hostile.xml")),
                CatalogFile.Source("gone", server.Url("/gone.xml")),
            ], taxonomy: CatalogFile.Taxonomy(("language-models", ["language models"]), ("robotics", ["robot"])));
            App = new AiFeedApp(feeds);
            await App.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await server.DisposeAsync();
            folder.Dispose();
        }
    }

    /// <summary>A post whose feed tries every classic trick; the browser tests use the same one.</summary>
    internal static Item HostileItem => new(
        "<script>alert('title')</script> Hostile post",
        "javascript:alert('link')",
        Id: "hostile-1",
        Published: Newest.AddHours(-1),
        Description: "<img src=x onerror=alert('summary')> summary",
        Content: "<p>Safe paragraph survives.</p><script>alert('content')</script><img src=\"https://cdn.example.org/chart.png\" alt=\"chart\" onerror=\"alert('img')\"><a href=\"javascript:alert('a')\">click</a><svg onload=\"alert('svg')\"></svg>");
}
