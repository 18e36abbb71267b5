using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using AiFeed.Ingestion.Parsing;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// The feed outputs over a store filled by a real poll: the posts of the API, in every format,
/// with validators, conditional GET, output caching and eviction when a poll stores posts.
/// </summary>
public sealed class FeedsApiTests : LoopbackTests
{
    private AiFeedApp app = null!;

    protected override async ValueTask StartedAsync()
    {
        Server.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 12, Newest)));
        Server.MapFeed("/papers.xml", () => Rss("Papers", Items("papers", 8, Newest.AddMinutes(-30))));
        app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [
            CatalogFile.Source("labs", Server.Url("/labs.xml"), ["lab"]),
            CatalogFile.Source("papers", Server.Url("/papers.xml"), ["papers"]),
        ]));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
    }

    protected override ValueTask StoppingAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/feed.xml", "application/rss+xml")]
    [InlineData("/feed.atom", "application/atom+xml")]
    [InlineData("/feed.json", "application/feed+json")]
    public async Task Feed_WithTagFilter_SamePostsAsApiInOrder(string path, string mediaType)
    {
        // Arrange
        using var client = app.CreateClient();
        var api = await client.GetFromJsonAsync<JsonElement>("/api/posts?tag=papers&limit=5", TestContext.Current.CancellationToken);
        var expected = api.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("title").GetString(), i.GetProperty("url").GetString())).ToList();

        // Act
        using var response = await client.GetAsync($"{path}?tag=papers&limit=5", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        var parsed = new FeedParser().Parse(body, new Uri("http://localhost" + path));
        Assert.Equal(expected, parsed.Items.Select(i => (i.Title, i.Link)).ToList());
        Assert.Equal("AiFeed: tag papers", parsed.Title);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    public async Task Feed_ReadBySyndicationFeed_AllPostsNewestFirst(string path)
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        await using var stream = await client.GetStreamAsync(path, TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(stream);
        var feed = SyndicationFeed.Load(reader);

        // Assert
        var items = feed.Items.ToList();
        Assert.Equal(20, items.Count);
        Assert.Equal("labs post 0", items[0].Title.Text);
        Assert.Equal(items.OrderByDescending(i => i.PublishDate).Select(i => i.Id), items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    [InlineData("/feed.json")]
    public async Task Feed_StoredPosts_EachEntryCarriesItsHtml(string path)
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        var body = await client.GetByteArrayAsync($"{path}?source=labs&limit=3", TestContext.Current.CancellationToken);

        // Assert: the posts are listed without their HTML; the feed asks the store for it.
        var parsed = new FeedParser().Parse(body, new Uri("http://localhost" + path));
        Assert.Equal(3, parsed.Items.Count);
        Assert.All(parsed.Items, i => Assert.Contains($"<p>Summary of {i.Title}", i.ContentHtml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListsAndPages_ReadNoHtml_FeedsReadOnlyTheirPage()
    {
        // Arrange
        using var client = app.CreateClient();
        var store = app.Services.GetRequiredService<LiteDbContext>();
        var before = store.HtmlReads;

        // Act: every list, search, ranking and count a reader or an API client asks for.
        foreach (var path in (string[])["/api/posts?limit=50", "/api/posts?q=labs", "/api/posts?tag=papers&expand=true", "/api/posts/count", "/api/top", "/", "/?q=post", "/top", "/sources"])
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var afterLists = store.HtmlReads;
        await client.GetByteArrayAsync("/feed.json?source=papers&limit=5", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(before, afterLists);
        Assert.Equal(5, store.HtmlReads - afterLists);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.json")]
    public async Task Feed_RepeatedWithETag_Answers304(string path)
    {
        // Arrange
        using var client = app.CreateClient();
        using var first = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        // Act
        using var byETag = new HttpRequestMessage(HttpMethod.Get, path);
        byETag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(byETag, TestContext.Current.CancellationToken);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, path);
        byDate.Headers.IfModifiedSince = lastModified;
        using var notModifiedByDate = await client.SendAsync(byDate, TestContext.Current.CancellationToken);
        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));
        using var changed = await client.SendAsync(stale, TestContext.Current.CancellationToken);

        // Assert
        Assert.False(etag.IsWeak);
        // The newest post's own date, not when AiFeed stored it.
        Assert.Equal(Newest, lastModified);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotModified, notModifiedByDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task Feed_AfterPollStoresPosts_CacheEvictedAndNewPostServed()
    {
        // Arrange
        using var client = app.CreateClient();
        var before = await client.GetStringAsync("/feed.json?source=labs", TestContext.Current.CancellationToken);
        var cached = await client.GetStringAsync("/feed.json?source=labs", TestContext.Current.CancellationToken);
        Server.MapFeed("/labs.xml", () => Rss("Labs", [new Item("labs breaking news", "https://labs.example.org/posts/new", Published: Newest.AddMinutes(5)), .. Items("labs", 12, Newest)]));

        // Act
        await app.Poller.PollNowAsync("labs", TestContext.Current.CancellationToken);
        var after = await client.GetStringAsync("/feed.json?source=labs", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(before, cached);
        Assert.DoesNotContain("labs breaking news", before, StringComparison.Ordinal);
        Assert.Contains("labs breaking news", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_BadLimit_ValidationProblemNamingParameter()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        using var response = await client.GetAsync("/feed.atom?limit=0", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task SourcesOpml_ListsEveryFeed()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        await using var stream = await client.GetStreamAsync("/sources.opml", TestContext.Current.CancellationToken);
        var outlines = AiFeed.Publishing.OpmlReader.Read(stream);

        // Assert
        Assert.Equal(["labs", "papers"], outlines.Select(o => o.Id));
        Assert.Equal(Server.Url("/labs.xml").AbsoluteUri, outlines[0].XmlUrl);
        Assert.Equal(["lab"], outlines[0].Tags);
    }
}
