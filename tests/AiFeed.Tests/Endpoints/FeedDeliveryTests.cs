using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// How the consolidated feeds travel and what their entries say: compression, HEAD, conditional GET
/// outside the rate limit, the posts' own authors and update times, clamped future dates, the cap.
/// </summary>
public sealed class FeedDeliveryTests : LoopbackTests
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    private AiFeedApp app = null!;

    protected override async ValueTask StartedAsync()
    {
        // Oldest first, and two items over the cap of 10.
        Server.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 12, Newest).Reverse()));
        // blog.google's shape: author with nested name/title/department, an update date, and one post dated 2030.
        Server.MapFeed("/google.xml", () => $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>Google AI</title><link>https://blog.google/</link><description>d</description>
            <item><title>Search gets AI Mode</title><link>https://blog.google/search/ai-mode/</link><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate>
            <dcterms:modified>2026-11-24T15:30:00Z</dcterms:modified>
            <author xmlns:author="http://www.w3.org/2005/Atom"><name>Austin Wu</name><title>Group Product Manager</title><department>Search</department><company/></author>
            <description>AI Mode in Search.</description></item>
            <item><title>From the future</title><link>https://blog.google/future/</link><pubDate>Tue, 01 Jan 2030 00:00:00 GMT</pubDate><description>Typo year.</description></item>
            <item><title>Older news</title><link>https://blog.google/older/</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate><description>Old.</description></item>
            </channel></rss>
            """.Trim());
        app = new AiFeedApp(
            CatalogFile.Write(Folder.File("feeds.json"), [
                CatalogFile.Source("labs", Server.Url("/labs.xml"), ["lab"]),
                CatalogFile.Source("google", Server.Url("/google.xml"), ["lab"]),
            ],
            defaults: new { requestTimeout = "00:00:10", maxItemsPerFeed = 10 }),
            settings: new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "4", ["RateLimiting:Window"] = "00:10:00" });
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
    }

    protected override ValueTask StoppingAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/feed.xml", "br")]
    [InlineData("/feed.atom", "gzip")]
    [InlineData("/feed.json", "br")]
    public async Task Feed_AcceptEncoding_CompressedAndSameBody(string path, string encoding)
    {
        // Arrange
        using var client = app.CreateClient();
        var plain = await client.GetByteArrayAsync(path, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        // Act
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(compressed.Length < plain.Length / 2, $"{compressed.Length} bytes compressed of {plain.Length}");
        Assert.Equal(plain, Decompress(compressed, encoding));
    }

    [Fact]
    public async Task ReaderPage_AcceptEncodingGzip_Compressed()
    {
        // Arrange
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        // Act
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var html = System.Text.Encoding.UTF8.GetString(Decompress(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "gzip"));
        Assert.Contains("labs post 0", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/feed.xml", "application/rss+xml")]
    [InlineData("/feed.atom", "application/atom+xml")]
    [InlineData("/feed.json", "application/feed+json")]
    [InlineData("/sources.opml", "text/x-opml")]
    public async Task Feed_Head_HeadersWithoutBody(string path, string mediaType)
    {
        // Arrange
        using var client = app.CreateClient();
        var body = await client.GetByteArrayAsync(path, TestContext.Current.CancellationToken);

        // Act
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Feed_ConditionalGetsPastTheRateLimit_All304ThenLimitStillApplies()
    {
        // Arrange: the limit is 4 requests per window; the first GET spends one.
        using var client = app.CreateClient();
        using var first = await client.GetAsync("/feed.xml", TestContext.Current.CancellationToken);
        var statuses = new List<HttpStatusCode>();

        // Act: ten polls of an unchanged feed, then plain requests until the limit.
        for (var i = 0; i < 10; i++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
            poll.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var answer = await client.SendAsync(poll, TestContext.Current.CancellationToken);
            statuses.Add(answer.StatusCode);
            Assert.Equal(first.Headers.ETag, answer.Headers.ETag);
        }

        var plain = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var answer = await client.GetAsync("/feed.xml", TestContext.Current.CancellationToken);
            plain.Add(answer.StatusCode);
        }

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotModified, s));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], plain);
    }

    [Fact]
    public async Task Feed_StaleValidatorOverTheLimit_StillLimited()
    {
        // Arrange
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        // Act: a made-up validator is not a free pass.
        for (var i = 0; i < 5; i++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, "/feed.atom");
            poll.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"made-up\""));
            using var answer = await client.SendAsync(poll, TestContext.Current.CancellationToken);
            statuses.Add(answer.StatusCode);
        }

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task AtomFeed_Entries_OwnAuthorOwnUpdatedAndSource()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        var feed = XDocument.Parse(await client.GetStringAsync("/feed.atom?source=google", TestContext.Current.CancellationToken));

        // Assert
        var entries = feed.Root!.Elements(XName.Get("entry", Atom)).ToDictionary(e => e.Element(XName.Get("title", Atom))!.Value);
        var search = entries["Search gets AI Mode"];
        Assert.Equal("Austin Wu", search.Element(XName.Get("author", Atom))!.Element(XName.Get("name", Atom))!.Value);
        Assert.Equal("2026-11-24T15:30:00Z", search.Element(XName.Get("updated", Atom))!.Value);
        Assert.Equal("2026-11-23T10:00:00Z", search.Element(XName.Get("published", Atom))!.Value);
        Assert.Equal("Source google", search.Element(XName.Get("source", Atom))!.Element(XName.Get("title", Atom))!.Value);
        // No author of its own: none invented (the source's name is in source, not author).
        Assert.Null(entries["Older news"].Element(XName.Get("author", Atom)));
        Assert.Equal("2026-11-20T09:00:00Z", entries["Older news"].Element(XName.Get("updated", Atom))!.Value);
    }

    [Fact]
    public async Task RssAndJsonFeed_Entries_OwnAuthorAndSource()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        var rss = XDocument.Parse(await client.GetStringAsync("/feed.xml?source=google", TestContext.Current.CancellationToken));
        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json?source=google", TestContext.Current.CancellationToken));

        // Assert
        var items = rss.Descendants("item").ToDictionary(i => i.Element("title")!.Value);
        Assert.Equal("Austin Wu", items["Search gets AI Mode"].Element(XName.Get("creator", "http://purl.org/dc/elements/1.1/"))!.Value);
        Assert.Null(items["Older news"].Element(XName.Get("creator", "http://purl.org/dc/elements/1.1/")));
        Assert.Equal(Server.Url("/google.xml").AbsoluteUri, items["Older news"].Element("source")!.Attribute("url")!.Value);
        var jsonItems = json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("title").GetString()!);
        Assert.Equal("Austin Wu", jsonItems["Search gets AI Mode"].GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal("2026-11-24T15:30:00Z", jsonItems["Search gets AI Mode"].GetProperty("date_modified").GetString());
        Assert.False(jsonItems["Older news"].TryGetProperty("authors", out _));
        Assert.Equal("Source google", jsonItems["Older news"].GetProperty("_aifeed").GetProperty("source_name").GetString());
    }

    [Fact]
    public async Task Feed_PostDatedInTheFuture_ClampedToItsFeedsNewestDate()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json", TestContext.Current.CancellationToken));

        // Assert: not on top of the list; dated like its source's newest real post.
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("labs post 0", items[0].GetProperty("title").GetString());
        var future = items.Single(i => i.GetProperty("title").GetString() == "From the future");
        Assert.Equal("2026-11-23T10:00:00Z", future.GetProperty("date_published").GetString());
    }

    [Fact]
    public async Task Feed_Description_StatesTheItemCap()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json?limit=7", TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(7, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.Contains("the newest 7 posts", json.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("up to 200", json.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_DocumentOverTheCap_NewestKeptAndSourcesPageSaysSo()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json?source=labs", TestContext.Current.CancellationToken));
        var sources = await client.GetStringAsync("/sources", TestContext.Current.CancellationToken);

        // Assert
        var titles = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"labs post {i}")], titles);
        Assert.Contains("12 items in the last document; the newest 10 kept (maxItemsPerFeed)", sources, StringComparison.Ordinal);
        Assert.Contains("keeps the newest 10 items", sources, StringComparison.Ordinal);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
