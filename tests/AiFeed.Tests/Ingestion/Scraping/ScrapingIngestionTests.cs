using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>Scraping, fallback and autodiscovery through the real host: feeds.json → loopback site → store → API.</summary>
public sealed class ScrapingIngestionTests : SiteLoopbackTests
{
    [Fact]
    public async Task Poll_MarkupChangeBreaksRule_GenericReaderKeepsTheSourceReadAndSaysSo()
    {
        // Arrange
        var html = ListingHtml.Cards(Enumerable.Range(1, 5));
        Server.MapFeed("/news", () => html, "text/html; charset=utf-8");
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));
        var first = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var before = await PostsAsync(app);
        html = ListingHtml.Cards(Enumerable.Range(1, 6), cardClass: "PostCard_card__x7Yq2");

        // Act
        var broken = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert: the new post comes in through the generic reader; the rule's posts stay as the rule read them.
        Assert.Equal((1, 5), (first.Ok, first.NewPosts));
        Assert.Equal((1, 0, 1, 0), (broken.Ok, broken.ScrapeBroken, broken.NewPosts, broken.UpdatedPosts));
        var after = await PostsAsync(app);
        Assert.Equal(
            before.Select(p => (p.Id, p.Title, p.RawHash)).OrderBy(p => p.Id),
            after.Where(p => p.Title != "Post 6").Select(p => (p.Id, p.Title, p.RawHash)).OrderBy(p => p.Id));
        Assert.Equal(new DateTime(2026, 11, 7, 0, 0, 0, DateTimeKind.Utc), after.Single(p => p.Title == "Post 6").PublishedAt);
        var source = await SourceAsync(app, "lab");
        Assert.Equal("degraded", source.GetProperty("status").GetString());
        Assert.Equal("generic", source.GetProperty("readVia").GetString());
        Assert.Equal("the scrape rules broke: selector `article.js-post` matched 0 elements", source.GetProperty("fallbackReason").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("lastError").ValueKind);
        Assert.Equal(0, source.GetProperty("consecutiveErrors").GetInt32());
        Assert.Equal(6, source.GetProperty("postCount").GetInt32());
        Assert.Equal(
            [("rule", "broken", "selector `article.js-post` matched 0 elements"), ("generic", "ok", "6 post cards linking to /news/…")],
            Attempts(source).Select(a => (a.Step, a.Outcome, a.Detail)));
    }

    [Fact]
    public async Task Poll_RuleBrokenAndPageUnchanged_StaysDegradedOnNotModified()
    {
        // Arrange
        var page = new Page();
        await using var app = await ReadThenBreakTheRuleAsync(page);

        // Act
        var unchanged = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1, unchanged.NotModified);
        var source = await SourceAsync(app, "lab");
        Assert.Equal("degraded", source.GetProperty("status").GetString());
        Assert.Equal("generic", source.GetProperty("readVia").GetString());
        Assert.StartsWith("the scrape rules broke: ", source.GetProperty("fallbackReason").GetString(), StringComparison.Ordinal);
        Assert.Equal([("page", "not-modified")], Attempts(source).Select(a => (a.Step, a.Outcome)));
    }

    [Fact]
    public async Task Poll_MarkupBackAfterBreakage_SourceIsOkAgain()
    {
        // Arrange
        var page = new Page();
        await using var app = await ReadThenBreakTheRuleAsync(page);
        page.Html = ListingHtml.Cards(Enumerable.Range(1, 5));

        // Act
        var recovered = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((1, 1), (recovered.Ok, recovered.NewPosts));
        var source = await SourceAsync(app, "lab");
        Assert.Equal("ok", source.GetProperty("status").GetString());
        Assert.Equal(0, source.GetProperty("consecutiveErrors").GetInt32());
    }

    [Fact]
    public async Task Poll_ListMuchShorterThanLastTime_GenericReaderStandsInAndSaysWhy()
    {
        // Arrange
        var html = ListingHtml.Cards(Enumerable.Range(1, 10));
        Server.MapFeed("/news", () => html, "text/html; charset=utf-8");
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        html = ListingHtml.Cards([1, 2, 11]);

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert: the rules' short list is not trusted; the generic reader's reading of the page adds the one new post.
        Assert.Equal((1, 0, 1, 11L), (summary.Ok, summary.ScrapeBroken, summary.NewPosts, summary.StoredPosts));
        var source = await SourceAsync(app, "lab");
        Assert.Equal("degraded", source.GetProperty("status").GetString());
        Assert.Equal("the scrape rules broke: found 3 posts, under 60% of the 10 found last time (selector `article.js-post`)", source.GetProperty("fallbackReason").GetString());
    }

    [Fact]
    public async Task Poll_RuleAndGenericReaderBothFindNothing_KeepsPostsAndShowsBothReasons()
    {
        // Arrange
        var html = ListingHtml.Cards(Enumerable.Range(1, 3));
        Server.MapFeed("/news", () => html, "text/html; charset=utf-8");
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        html = "<html><head><title>Down for maintenance</title></head><body><p>Back soon.</p></body></html>";

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((1, 0, 3L), (summary.ScrapeBroken, summary.NewPosts, summary.StoredPosts));
        var source = await SourceAsync(app, "lab");
        Assert.Equal("degraded", source.GetProperty("status").GetString());
        Assert.Equal("scrape-broken", source.GetProperty("lastOutcome").GetString());
        Assert.StartsWith("selector `article.js-post` matched 0 elements; the generic reader found nothing either: found no repeated post links", source.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal([("rule", "broken"), ("generic", "broken")], Attempts(source).Select(a => (a.Step, a.Outcome)));
    }

    [Fact]
    public async Task Poll_ScrapedPosts_GoThroughProcessingWithDatesAndFirstSeenOrder()
    {
        // Arrange: one card's date does not parse; it keeps publishedAt null and sorts by first-seen time.
        var html = ListingHtml.Cards([1, 2]).Replace("Nov 3, 2026", "coming soon", StringComparison.Ordinal);
        Server.MapFeed("/news", () => html, "text/html; charset=utf-8");
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var posts = (await PostsAsync(app)).ToDictionary(p => p.Title);
        Assert.Equal(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), posts["Post 1"].PublishedAt);
        Assert.Null(posts["Post 2"].PublishedAt);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, posts["Post 2"].SortAt);
        Assert.Equal(Server.Url("/news/post-1").AbsoluteUri, posts["Post 1"].Url);
        Assert.Equal("Teaser 1.", posts["Post 1"].Summary);
        Assert.Equal(["lab"], posts["Post 1"].Tags);
    }

    [Fact]
    public async Task Poll_UnchangedPage_IsNotModifiedOnTheSecondPoll()
    {
        // Arrange
        Server.MapFeed("/news", () => ListingHtml.Cards(Enumerable.Range(1, 3)), "text/html; charset=utf-8");
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Act
        var second = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1, second.NotModified);
        Assert.NotEmpty(Server.Requests.Last(r => r.Path == "/news").IfNoneMatch);
    }

    [Fact]
    public async Task Poll_NextLinks_FollowsThemUpToThePageLimit()
    {
        // Arrange
        Server.MapFeed("/news", () => ListingHtml.Cards([1, 2], next: "/news/page/2"), "text/html");
        Server.MapFeed("/news/page/2", () => ListingHtml.Cards([3, 4], next: "/news/page/3"), "text/html");
        Server.MapFeed("/news/page/3", () => ListingHtml.Cards([5, 6], next: "/news/page/4"), "text/html");
        Server.MapFeed("/news/page/4", () => ListingHtml.Cards([7, 8]), "text/html");
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule(next: "a[rel=next]@href", maxPages: 3)));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(6, summary.NewPosts);
        Assert.Equal(0, Server.CountRequests("/news/page/4"));
    }

    [Fact]
    public async Task Poll_FeedAnswers404_FallsBackToScrapeRulesAndSaysWhy()
    {
        // Arrange
        Server.MapFeed("/news", () => ListingHtml.Cards(Enumerable.Range(1, 3)), "text/html");
        await using var app = App(Source("lab", url: "/news/rss.xml", site: "/news", scrape: ListingHtml.Rule()));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((1, 3), (summary.Ok, summary.NewPosts));
        var source = await SourceAsync(app, "lab");
        Assert.Equal("fallback", source.GetProperty("readVia").GetString());
        Assert.Equal("the feed failed: HTTP 404 Not Found", source.GetProperty("fallbackReason").GetString());
        Assert.Equal("degraded", source.GetProperty("status").GetString());
        Assert.Equal(0, source.GetProperty("consecutiveErrors").GetInt32());
    }

    [Fact]
    public async Task Poll_FeedServesHtml_FallsBackToTheFeedTheSiteAdvertises()
    {
        // Arrange: the old feed URL now serves the home page; the site names its new feed.
        const string Home = """<html><head><link rel="alternate" type="application/rss+xml" title="News" href="/new-feed.xml"></head><body>Home</body></html>""";
        Server.MapFeed("/rss", () => Home, "text/html");
        Server.MapFeed("/", () => Home, "text/html");
        Server.MapFeed("/new-feed.xml", () => Rss("New", Items("moved", 4, Newest)));
        await using var app = App(Source("lab", url: "/rss", site: "/"));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(4, summary.NewPosts);
        var source = await SourceAsync(app, "lab");
        Assert.Equal("fallback", source.GetProperty("readVia").GetString());
        Assert.Equal("the feed failed: the response is an HTML page, not a feed", source.GetProperty("fallbackReason").GetString());
    }

    [Fact]
    public async Task Poll_FeedGoneAndSiteHasNothing_FailsWithBothReasons()
    {
        // Arrange
        Server.MapFeed("/", () => "<html><head><title>Home</title></head><body></body></html>", "text/html");
        await using var app = App(Source("lab", url: "/gone.xml", site: "/"));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1, summary.FetchErrors);
        var source = await SourceAsync(app, "lab");
        Assert.Equal(
            $"the feed failed: HTTP 404 Not Found; the site did not stand in: the site {Server.Url("/")} advertises no feed, has no scrape rules, and the generic reader found no repeated post links on the page (cards linking to posts, or JSON-LD posts)",
            source.GetProperty("lastError").GetString());
        Assert.Equal(
            [("feed", "failed", "HTTP 404 Not Found"), ("generic", "broken", "found no repeated post links on the page (cards linking to posts, or JSON-LD posts)")],
            Attempts(source).Select(a => (a.Step, a.Outcome, a.Detail)));
    }

    [Fact]
    public async Task Poll_SiteOnlySource_DiscoversItsFeedAndRemembersIt()
    {
        // Arrange
        Server.MapFeed("/blog/", () => """<html><head><link rel="alternate" type="application/atom+xml" href="feed.xml"><link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments.xml"></head><body></body></html>""", "text/html");
        Server.MapFeed("/blog/feed.xml", () => Rss("Blog", Items("found", 3, Newest)));
        await using var app = App(Source("blog", site: "/blog/"));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Act
        var second = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert: the second poll goes straight to the remembered feed, conditionally.
        Assert.Equal(1, second.NotModified);
        Assert.Equal(1, Server.CountRequests("/blog/"));
        Assert.Equal(2, Server.CountRequests("/blog/feed.xml"));
        Assert.Equal(0, Server.CountRequests("/comments.xml"));
        var source = await SourceAsync(app, "blog");
        Assert.Equal("discovered", source.GetProperty("readVia").GetString());
        Assert.Equal(Server.Url("/blog/feed.xml").AbsoluteUri, source.GetProperty("discoveredFeedUrl").GetString());
        Assert.Equal(3, source.GetProperty("postCount").GetInt32());
    }

    [Fact]
    public async Task Poll_SiteIsAFeed_ReadsAndRemembersIt()
    {
        // Arrange
        Server.MapFeed("/feed", () => Rss("Blog", Items("direct", 2, Newest)));
        await using var app = App(Source("blog", site: "/feed"));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(2, summary.NewPosts);
        var source = await SourceAsync(app, "blog");
        Assert.Equal("discovered", source.GetProperty("readVia").GetString());
        Assert.Equal(Server.Url("/feed").AbsoluteUri, source.GetProperty("discoveredFeedUrl").GetString());
    }

    [Fact]
    public async Task Poll_DiscoveredFeedGone_LooksAtTheSiteAgainAndUsesItsRules()
    {
        // Arrange
        var advertise = true;
        Server.Map("/news", context =>
        {
            context.Response.ContentType = "text/html";
            var head = advertise ? """<link rel="alternate" type="application/rss+xml" href="/feed.xml">""" : null;
            return context.Response.WriteAsync(ListingHtml.Cards([1, 2], head: head), context.RequestAborted);
        });
        Server.MapFeed("/feed.xml", () => Rss("Lab", Items("lab", 2, Newest)));
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        Server.Map("/feed.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        });
        advertise = false;

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((1, 2), (summary.Ok, summary.NewPosts));
        var source = await SourceAsync(app, "lab");
        Assert.Equal("scrape", source.GetProperty("readVia").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("discoveredFeedUrl").ValueKind);
        Assert.Equal("ok", source.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Poll_ScrapedStoryAlsoInAFeed_IsOnePostWithAlsoIn()
    {
        // Arrange
        Server.MapFeed("/news", () => ListingHtml.Cards([1]), "text/html");
        Server.MapFeed("/letter.xml", () => Rss("Letter", [new Item("Lab post 1", Server.Url("/news/post-1?utm_source=letter").AbsoluteUri, Published: Newest)]));
        await using var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()), CatalogFile.Source("letter", Server.Url("/letter.xml")));
        await app.Poller.PollNowAsync("lab", TestContext.Current.CancellationToken);

        // Act
        await app.Poller.PollNowAsync("letter", TestContext.Current.CancellationToken);

        // Assert
        var post = Assert.Single(await PostsAsync(app));
        Assert.Equal("lab", post.SourceId);
        Assert.Equal("letter", Assert.Single(post.AlsoIn).SourceId);
    }

    // A source whose rule read four cards, then met markup it does not match (the generic reader stood in).
    private async Task<AiFeedApp> ReadThenBreakTheRuleAsync(Page page)
    {
        page.Html = ListingHtml.Cards(Enumerable.Range(1, 4));
        Server.MapFeed("/news", () => page.Html, "text/html; charset=utf-8");
        var app = App(Source("lab", site: "/news", scrape: ListingHtml.Rule()));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        page.Html = ListingHtml.Cards(Enumerable.Range(1, 4), cardClass: "card");
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        return app;
    }

    private sealed class Page
    {
        public string Html { get; set; } = string.Empty;
    }
}
