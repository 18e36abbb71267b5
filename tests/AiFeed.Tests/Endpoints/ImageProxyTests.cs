using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// The image proxy over loopback "sites": only images stored posts reference, only raster images
/// under the size cap, never a private address, no cookies or referrer sent, cached; thumbnails in
/// the lists and the feeds, body images through the proxy.
/// </summary>
public sealed class ImageProxyTests : LoopbackTests
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly ConcurrentQueue<(string Path, string Cookie, string Referer)> imageRequests = new();
    private AiFeedApp app = null!;

    protected override async ValueTask StartedAsync()
    {
        MapImage("/img/thumb.png", Png, "image/png");
        MapImage("/img/figure.png", Png, "image/png");
        MapImage("/img/big.png", [.. Png, .. new byte[4096]], "image/png");
        MapImage("/img/evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "image/svg+xml");
        MapImage("/img/lying.png", "<html><script>alert(1)</script></html>"u8.ToArray(), "image/png");
        var thumb = Server.Url("/img/thumb.png").AbsoluteUri;
        var figure = Server.Url("/img/figure.png").AbsoluteUri;
        Server.MapFeed("/labs.xml", () => $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Labs</title><link>https://labs.example.org/</link><description>d</description>
            <item><title>With a picture</title><link>https://labs.example.org/a</link><pubDate>Wed, 25 Nov 2026 12:00:00 GMT</pubDate>
              <media:content url="{thumb}" medium="image" type="image/png"/><description>A.</description></item>
            <item><title>With a figure</title><link>https://labs.example.org/b</link><pubDate>Wed, 25 Nov 2026 11:00:00 GMT</pubDate><description>B.</description>
              <content:encoded><![CDATA[<p>See the figure.</p><img src="{figure}" alt="Figure 1: loss"><img src="{Server.Url("/img/big.png").AbsoluteUri}" alt="big"><img src="{Server.Url("/img/evil.svg").AbsoluteUri}" alt="svg"><img src="{Server.Url("/img/lying.png").AbsoluteUri}" alt="lying"><img src="http://169.254.169.254/latest/meta-data/x.png" alt="metadata"><img src="http://10.1.2.3/x.png" alt="intranet">]]></content:encoded></item>
            <item><title>Plain</title><link>https://labs.example.org/c</link><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>C.</description></item>
            </channel></rss>
            """.Trim());
        app = new AiFeedApp(
            CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("labs", Server.Url("/labs.xml"))]),
            settings: new Dictionary<string, string?> { ["Images:MaxBytes"] = "2048" });
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
    }

    protected override ValueTask StoppingAsync() => app.DisposeAsync();

    [Fact]
    public async Task Home_PostsWithPictures_ThumbnailsThroughTheProxy()
    {
        // Arrange
        using var client = app.CreateClient();

        // Act
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Assert: media:content for the first, the first body image for the second, none for the third.
        var thumbs = System.Text.RegularExpressions.Regex.Matches(html, "<img class=\"thumb\" src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, thumbs.Count);
        Assert.All(thumbs, t => Assert.StartsWith("/images/", t, StringComparison.Ordinal));
        Assert.EndsWith("/" + PostImages.Key(Server.Url("/img/thumb.png").AbsoluteUri), thumbs[0], StringComparison.Ordinal);
        Assert.EndsWith("/" + PostImages.Key(Server.Url("/img/figure.png").AbsoluteUri), thumbs[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Server.BaseUri.AbsoluteUri, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_ReferencedPng_ServedCachedWithoutCookiesOrReferrer()
    {
        // Arrange
        using var client = app.CreateClient();
        var url = await ThumbOfAsync("With a picture");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", "session=secret");
        request.Headers.Referrer = new Uri("http://localhost/");

        // Act
        using var first = await client.SendAsync(request, TestContext.Current.CancellationToken);
        using var second = await client.GetAsync(url, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(TimeSpan.FromDays(7), first.Headers.CacheControl!.MaxAge);
        Assert.True(first.Headers.CacheControl.Public);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var fetched = Assert.Single(imageRequests, r => r.Path == "/img/thumb.png");
        Assert.Equal("", fetched.Cookie);
        Assert.Equal("", fetched.Referer);
    }

    [Theory]
    [InlineData("big", "larger than")]
    [InlineData("svg", "does not hold a JPEG, PNG, GIF, WebP or AVIF image")]
    [InlineData("lying", "does not hold a JPEG, PNG, GIF, WebP or AVIF image")]
    [InlineData("metadata", "not a public address")]
    [InlineData("intranet", "not a public address")]
    public async Task Proxy_ImageOverLimitsOrPrivate_Refused502(string alt, string reason)
    {
        // Arrange
        using var client = app.CreateClient();
        var post = await PostAsync(client, "With a figure");
        var body = post.GetProperty("contentHtml").GetString()!;
        var source = PostImages.Sources(body).Single(s => body.Contains($"src=\"{WebUtility.HtmlEncode(s)}\" alt=\"{alt}\"", StringComparison.Ordinal) || body.Contains($"alt=\"{alt}\" src=\"{WebUtility.HtmlEncode(s)}\"", StringComparison.Ordinal));

        // Act
        using var response = await client.GetAsync($"/images/{post.GetProperty("id").GetString()}/{PostImages.Key(source)}", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_ImageNoPostReferences_NotFoundAndNotFetched()
    {
        // Arrange: a real image on the "site", but no stored post names it.
        MapImage("/img/unreferenced.png", Png, "image/png");
        using var client = app.CreateClient();
        var post = await PostAsync(client, "With a picture");

        // Act
        using var wrongKey = await client.GetAsync($"/images/{post.GetProperty("id").GetString()}/{PostImages.Key(Server.Url("/img/unreferenced.png").AbsoluteUri)}", TestContext.Current.CancellationToken);
        using var wrongPost = await client.GetAsync("/images/nope/" + PostImages.Key(Server.Url("/img/thumb.png").AbsoluteUri), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongPost.StatusCode);
        Assert.DoesNotContain(imageRequests, r => r.Path == "/img/unreferenced.png");
    }

    [Fact]
    public async Task PostPage_BodyImages_ThroughTheProxyWithAlt()
    {
        // Arrange
        using var client = app.CreateClient();
        var post = await PostAsync(client, "With a figure");

        // Act
        var html = await client.GetStringAsync("/post/" + post.GetProperty("id").GetString(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains($"<img src=\"/images/{post.GetProperty("id").GetString()}/{PostImages.Key(Server.Url("/img/figure.png").AbsoluteUri)}\" alt=\"Figure 1: loss\" loading=\"lazy\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.BaseUri.AbsoluteUri, html, StringComparison.Ordinal);
        Assert.DoesNotContain("169.254.169.254", html.Replace("alt=\"metadata\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_PostWithPicture_MediaContentEnclosureAndImage()
    {
        // Arrange
        using var client = app.CreateClient();
        var expected = "http://localhost" + await ThumbOfAsync("With a picture");

        // Act
        var rss = XDocument.Parse(await client.GetStringAsync("/feed.xml", TestContext.Current.CancellationToken));
        var atom = XDocument.Parse(await client.GetStringAsync("/feed.atom", TestContext.Current.CancellationToken));
        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json", TestContext.Current.CancellationToken));

        // Assert
        var media = rss.Descendants(XName.Get("content", "http://search.yahoo.com/mrss/")).ToList();
        Assert.Equal(2, media.Count);
        Assert.Equal(expected, media[0].Attribute("url")!.Value);
        Assert.Contains(atom.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")), l => (string?)l.Attribute("rel") == "enclosure" && (string?)l.Attribute("href") == expected);
        Assert.Equal(expected, json.RootElement.GetProperty("items")[0].GetProperty("image").GetString());
        Assert.False(json.RootElement.GetProperty("items")[2].TryGetProperty("image", out _));
    }

    private async Task<string> ThumbOfAsync(string title)
    {
        var posts = await app.Services.GetRequiredService<AiFeed.Storage.IPostStore>().QueryAsync(new PostQuery { Limit = 10 }, TestContext.Current.CancellationToken);
        return AiFeed.Endpoints.ImagesApi.UrlOrNull(posts.Items.Single(p => p.Title == title))!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string title)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/posts", TestContext.Current.CancellationToken);
        var id = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetString();
        return await client.GetFromJsonAsync<JsonElement>("/api/posts/" + id, TestContext.Current.CancellationToken);
    }

    private void MapImage(string path, byte[] body, string contentType) =>
        Server.Map(path, async context =>
        {
            imageRequests.Enqueue((path, context.Request.Headers.Cookie.ToString(), context.Request.Headers.Referer.ToString()));
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
}
