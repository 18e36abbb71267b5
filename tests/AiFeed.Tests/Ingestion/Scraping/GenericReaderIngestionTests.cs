using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>
/// The generic listing reader through the real host over loopback: a site with no feed and no rule,
/// post pages looked up for what cards lack (bounded, conditional), the sitemap for a page that
/// shows no list, a page that is gone, and every attempt shown by the API, the admin API and /sources.
/// </summary>
public sealed class GenericReaderIngestionTests : SiteLoopbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Poll_SiteWithoutFeedOrRule_GenericReaderReadsItAndSaysSo()
    {
        // Arrange
        Server.MapFeed("/news", () => ListingHtml.Cards(Enumerable.Range(1, 4)), "text/html; charset=utf-8");
        await using var app = App(Source("lab", site: "/news"));

        // Act
        var summary = await app.Poller.PollNowAsync(null, Ct);

        // Assert
        Assert.Equal((1, 4), (summary.Ok, summary.NewPosts));
        var posts = (await PostsAsync(app)).ToDictionary(p => p.Title);
        Assert.Equal(Server.Url("/news/post-1").AbsoluteUri, posts["Post 1"].Url);
        Assert.Equal(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), posts["Post 1"].PublishedAt);
        var source = await SourceAsync(app, "lab");
        Assert.Equal("ok", source.GetProperty("status").GetString());
        Assert.Equal("generic", source.GetProperty("readVia").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("fallbackReason").ValueKind);
        var attempt = Assert.Single(Attempts(source));
        Assert.Equal(("generic", "ok", 4, Server.Url("/news").AbsoluteUri), (attempt.Step, attempt.Outcome, attempt.Items, attempt.Url));
    }

    [Fact]
    public async Task Poll_CardsWithoutDates_LooksUpAFewPostPagesPerPollThenConditionally()
    {
        // Arrange: five dateless cards; the last post's page carries no date either.
        var version = 0;
        Server.MapFeed("/blog", () => DatelessListing(version, "a", "b", "c", "d", "e"), "text/html; charset=utf-8");
        foreach (var (slug, day) in new[] { ("a", 20), ("b", 18), ("c", 15), ("d", 11), ("e", 0) })
        {
            Server.MapFeed($"/blog/post-{slug}", () => PostPage($"Post {slug} from its page", day == 0 ? null : new DateTime(2026, 11, day, 9, 0, 0, DateTimeKind.Utc)), "text/html; charset=utf-8");
        }

        await using var app = App(Source("blog", site: "/blog"));

        // Act
        await app.Poller.PollNowAsync(null, Ct);
        var firstLookups = LookupCounts();
        var afterFirst = await DatesAsync(app);
        version++;
        await app.Poller.PollNowAsync(null, Ct);
        var secondLookups = LookupCounts();
        version++;
        await app.Poller.PollNowAsync(null, Ct);
        var thirdLookups = LookupCounts();
        app.Clock.Advance(TimeSpan.FromDays(1));
        version++;
        await app.Poller.PollNowAsync(null, Ct);

        // Assert: three pages the first poll, the other two the next, none the third, and the dateless one again a day later, conditionally.
        Assert.Equal([1, 1, 1, 0, 0], firstLookups);
        Assert.Equal([1, 1, 1, 1, 1], secondLookups);
        Assert.Equal([1, 1, 1, 1, 1], thirdLookups);
        Assert.Equal([1, 1, 1, 1, 2], LookupCounts());
        Assert.NotEmpty(Server.Requests.Last(r => r.Path == "/blog/post-e").IfNoneMatch);
        Assert.Equal(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), afterFirst["Card a"]);
        Assert.Null(afterFirst["Card d"]);
        var dates = await DatesAsync(app);
        Assert.Equal(new DateTime(2026, 11, 11, 9, 0, 0, DateTimeKind.Utc), dates["Card d"]);
        Assert.Null(dates["Card e"]);
    }

    [Fact]
    public async Task Poll_PageShowsNoList_TakesTheNewestPostsFromTheSitemap()
    {
        // Arrange: a page its scripts fill in; the sitemap lists five posts under /app/ and one elsewhere.
        Server.MapFeed("/app", () => "<!doctype html><html><head><title>App</title></head><body><div id=\"root\"></div></body></html>", "text/html");
        var urls = new StringBuilder();
        for (var i = 1; i <= 5; i++)
        {
            urls.Append(CultureInfo.InvariantCulture, $"<url><loc>{Server.Url($"/app/post-{i}")}</loc><lastmod>2026-11-{10 + i}</lastmod></url>");
            var day = 10 + i;
            Server.MapFeed($"/app/post-{i}", () => PostPage($"Sitemap post {day}", new DateTime(2026, 11, day, 8, 0, 0, DateTimeKind.Utc)), "text/html");
        }

        urls.Append(CultureInfo.InvariantCulture, $"<url><loc>{Server.Url("/pricing")}</loc><lastmod>2026-11-25</lastmod></url>");
        Server.MapFeed("/sitemap.xml", () => $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>", "application/xml");
        await using var app = App(Source("app", site: "/app"));

        // Act
        var first = await app.Poller.PollNowAsync(null, Ct);
        var second = await app.Poller.PollNowAsync(null, Ct);

        // Assert: the newest three (by lastmod) first, titled and dated from their pages; the other two next time.
        Assert.Equal((3, 2), (first.NewPosts, second.NewPosts));
        Assert.Equal(0, Server.CountRequests("/pricing"));
        var posts = await PostsAsync(app);
        Assert.Equal(["Sitemap post 11", "Sitemap post 12", "Sitemap post 13", "Sitemap post 14", "Sitemap post 15"], posts.Select(p => p.Title).Order(StringComparer.Ordinal));
        Assert.Equal(new DateTime(2026, 11, 15, 8, 0, 0, DateTimeKind.Utc), posts.Single(p => p.Title == "Sitemap post 15").PublishedAt);
        var attempt = Assert.Single(Attempts(await SourceAsync(app, "app")));
        Assert.Contains("in the site's sitemap", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_FeedGoneAndNothingElseStandsIn_GenericReaderAddsPostsWithoutRewritingTheFeeds()
    {
        // Arrange: the feed carried full text for the first three posts; then it is gone, and the site has no rule and advertises no feed.
        var feedUp = true;
        Server.Map("/news/feed.xml", context =>
        {
            if (!feedUp)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/rss+xml";
            var items = Enumerable.Range(1, 3).Select(i => new FeedBuilder.Item($"Post {i}", Server.Url($"/news/post-{i}").AbsoluteUri, Published: Newest.AddDays(-i), Content: $"<p>The whole of post {i}.</p>"));
            return context.Response.WriteAsync(FeedBuilder.Rss("Lab", items), context.RequestAborted);
        });
        Server.MapFeed("/news", () => ListingHtml.Cards(Enumerable.Range(1, 4)), "text/html; charset=utf-8");
        await using var app = App(Source("lab", url: "/news/feed.xml", site: "/news"));
        await app.Poller.PollNowAsync(null, Ct);
        var before = (await PostsAsync(app)).ToDictionary(p => p.Title, p => p.RawHash);
        feedUp = false;

        // Act
        var summary = await app.Poller.PollNowAsync(null, Ct);

        // Assert
        Assert.Equal((1, 1, 0), (summary.Ok, summary.NewPosts, summary.UpdatedPosts));
        var after = await PostsAsync(app);
        Assert.All(after.Where(p => p.Title != "Post 4"), p => Assert.Equal(before[p.Title], p.RawHash));
        var source = await SourceAsync(app, "lab");
        Assert.Equal(("degraded", "generic", "the feed failed: HTTP 404 Not Found"), (source.GetProperty("status").GetString(), source.GetProperty("readVia").GetString(), source.GetProperty("fallbackReason").GetString()));
        Assert.Equal([("feed", "failed"), ("generic", "ok")], Attempts(source).Select(a => (a.Step, a.Outcome)));
    }

    [Fact]
    public async Task Poll_FeedAndPageGone_StaysDegradedWithEveryAttemptListedEverywhere()
    {
        // Arrange: the rules read the page once; then feed and page both answer 404.
        var gone = false;
        Server.Map("/news", context =>
        {
            if (gone)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync(ListingHtml.Cards(Enumerable.Range(1, 3)), context.RequestAborted);
        });
        await using var app = App(Source("lab", url: "/news/feed.xml", site: "/news", scrape: ListingHtml.Rule()));
        await app.Poller.PollNowAsync(null, Ct);
        gone = true;

        // Act
        await app.Poller.PollNowAsync(null, Ct);
        await app.Poller.PollNowAsync(null, Ct);

        // Assert
        var source = await SourceAsync(app, "lab");
        Assert.Equal("degraded", source.GetProperty("status").GetString());
        Assert.Equal(2, source.GetProperty("consecutiveErrors").GetInt32());
        Assert.Equal(3, source.GetProperty("postCount").GetInt32());
        Assert.Equal(
            [("feed", "failed", Server.Url("/news/feed.xml").AbsoluteUri, "HTTP 404 Not Found"), ("page", "failed", Server.Url("/news").AbsoluteUri, "HTTP 404 Not Found")],
            Attempts(source).Select(a => (a.Step, a.Outcome, a.Url, a.Detail)));
        var admin = await AdminSourceAsync(app, "lab");
        Assert.Equal(["feed", "page"], admin.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("step").GetString()));
        var page = await app.CreateClient().GetStringAsync("/sources", Ct);
        Assert.Contains("<ol class=\"attempts\"", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"attempt-failed\">feed: failed (HTTP 404 Not Found)</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"attempt-failed\">listing page: failed (HTTP 404 Not Found)</li>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_TitleCleanUp_AppliesToWhatEveryReadGives()
    {
        // Arrange: cards whose links glue a date and a label onto the title, as public generated feeds show them.
        Server.MapFeed("/news", () => """
            <html><body><main><ul>
            <li><a href="/news/one">Aug 18, 2026ScienceHow Claude is used in labs</a></li>
            <li><a href="/news/two">Aug 11, 2026PolicyA framework for frontier safety</a></li>
            <li><a href="/news/three">Aug 4, 2026ProductAgents in the browser [beta]</a></li>
            </ul></main></body></html>
            """, "text/html");
        var source = Source("lab", site: "/news");
        source["titleStripDate"] = true;
        source["titleStripPrefixes"] = new[] { "Science", "Policy", "Product" };
        source["titleReplace"] = new[] { new { pattern = @"\s*\[beta\]$", replacement = "" } };
        await using var app = App(source);

        // Act
        await app.Poller.PollNowAsync(null, Ct);

        // Assert
        var posts = (await PostsAsync(app)).ToDictionary(p => p.Url!);
        Assert.Equal("How Claude is used in labs", posts[Server.Url("/news/one").AbsoluteUri].Title);
        Assert.Equal("A framework for frontier safety", posts[Server.Url("/news/two").AbsoluteUri].Title);
        Assert.Equal("Agents in the browser", posts[Server.Url("/news/three").AbsoluteUri].Title);
        Assert.Equal(new DateTime(2026, 8, 18, 0, 0, 0, DateTimeKind.Utc), posts[Server.Url("/news/one").AbsoluteUri].PublishedAt);
    }

    private int[] LookupCounts() => [.. "abcde".Select(c => Server.CountRequests($"/blog/post-{c}"))];

    private static async Task<Dictionary<string, DateTime?>> DatesAsync(AiFeedApp app) =>
        (await PostsAsync(app)).ToDictionary(p => p.Title, p => p.PublishedAt);

    private static async Task<JsonElement> AdminSourceAsync(AiFeedApp app, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/sources/{id}");
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);
        using var response = await app.CreateClient().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static string DatelessListing(int version, params string[] slugs) =>
        $"<!-- {version} --><html><head><title>Blog</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav><main><ul>"
        + string.Concat(slugs.Select(s => $"<li class=\"card\"><a href=\"/blog/post-{s}\"><h2>Card {s}</h2></a><p>What the post about {s} says, in a sentence or two.</p></li>"))
        + "</ul></main></body></html>";

    private static string PostPage(string title, DateTime? published) =>
        $"<html><head><title>{title} | Blog</title><meta property=\"og:title\" content=\"{title}\">"
        + (published is { } at ? $"<meta property=\"article:published_time\" content=\"{at:yyyy-MM-ddTHH:mm:ssZ}\">" : string.Empty)
        + "<meta property=\"og:description\" content=\"From the post's own page.\"></head><body><article>Text.</article></body></html>";
}
