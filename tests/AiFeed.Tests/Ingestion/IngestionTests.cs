using System.Net.Http.Json;
using AiFeed.Ingestion;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Ingestion;

/// <summary>The whole road, feeds.json → fetch → parse → process → store, through the real host.</summary>
public sealed class IngestionTests : LoopbackTests
{
    [Fact]
    public async Task Poll_TwiceUnchanged_StoresOnceThenGets304Everywhere()
    {
        // Arrange
        Server.MapFeed("/a.xml", () => Rss("A", Items("alpha", 20, Newest)));
        Server.MapFeed("/b.xml", () => Rss("B", Items("beta", 15, Newest)));
        await using var app = App(CatalogFile.Source("a", Server.Url("/a.xml")), CatalogFile.Source("b", Server.Url("/b.xml")));

        // Act
        var first = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var second = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((2, 35, 35L), (first.Ok, first.NewPosts, first.StoredPosts));
        Assert.Equal((2, 0, 0, 35L), (second.NotModified, second.NewPosts, second.UpdatedPosts, second.StoredPosts));
    }

    [Fact]
    public async Task Poll_SameStoryInTwoSources_StoresOnePostWithAlsoIn()
    {
        // Arrange: the second source re-posts with tracking parameters and a fragment.
        Server.MapFeed("/lab.xml", () => Rss("Lab", [new Item("Our new model", "https://lab.example.org/news/model", Published: Newest)]));
        Server.MapFeed("/letter.xml", () => Rss("Letter", [new Item("Lab ships a model", "https://LAB.example.org:443/news/model?utm_source=letter&utm_medium=email#top", Published: Newest.AddHours(3))]));
        await using var app = App(CatalogFile.Source("lab", Server.Url("/lab.xml")), CatalogFile.Source("letter", Server.Url("/letter.xml")));
        await app.Poller.PollNowAsync("lab", TestContext.Current.CancellationToken);

        // Act
        await app.Poller.PollNowAsync("letter", TestContext.Current.CancellationToken);

        // Assert
        var page = await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery(), TestContext.Current.CancellationToken);
        var post = Assert.Single(page.Items);
        Assert.Equal("lab", post.SourceId);
        Assert.Equal("https://lab.example.org/news/model", post.Url);
        var also = Assert.Single(post.AlsoIn);
        Assert.Equal("letter", also.SourceId);
        var byLetter = await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery { Sources = ["letter"] }, TestContext.Current.CancellationToken);
        Assert.Single(byLetter.Items);
    }

    [Fact]
    public async Task Poll_TitleChanged_UpdatesInPlaceKeepingFirstSeen()
    {
        // Arrange
        var title = "Draft title";
        Server.Map("/feed.xml", context => context.Response.WriteAsync(Rss("F", [new Item(title, "https://f.example.org/p/1", "guid-1", Newest)]), context.RequestAborted));
        await using var app = App(CatalogFile.Source("f", Server.Url("/feed.xml")));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var store = app.Services.GetRequiredService<IPostStore>();
        var before = Assert.Single((await store.QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items);
        title = "Final title";
        app.Clock.Advance(TimeSpan.FromHours(1));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var after = Assert.Single((await store.QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(1, summary.UpdatedPosts);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("Final title", after.Title);
        Assert.Equal(before.FirstSeenAt, after.FirstSeenAt);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, after.UpdatedAt);
    }

    [Fact]
    public async Task Poll_UnchangedFeedWithoutValidators_WritesNothing()
    {
        // Arrange: no ETag or Last-Modified, so every poll downloads and parses again.
        Server.Map("/plain.xml", context => context.Response.WriteAsync(Rss("P", Items("plain", 5, Newest)), context.RequestAborted));
        await using var app = App(CatalogFile.Source("p", Server.Url("/plain.xml")));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Act
        var second = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((1, 5, 0, 0), (second.Ok, second.Items, second.NewPosts, second.UpdatedPosts));
        Assert.Equal(1, Server.CountRequests("/plain.xml") - 1);
    }

    [Fact]
    public async Task Poll_ContentWithScripts_IsSanitisedWhenStored()
    {
        // Arrange
        Server.MapFeed("/x.xml", () => Rss("X", [new Item("Hostile", "https://x.example.org/1", Published: Newest,
            Content: "<p onclick=\"steal()\">Hi<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a><a href=\"/rel\">rel</a></p><form><input></form>")]));
        await using var app = App(CatalogFile.Source("x", Server.Url("/x.xml")));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Act
        var store = app.Services.GetRequiredService<IPostStore>();
        var post = Assert.Single((await store.QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items);
        await store.LoadHtmlAsync([post], TestContext.Current.CancellationToken);

        // Assert
        Assert.DoesNotContain("<script", post.ContentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", post.ContentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", post.ContentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", post.ContentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://x.example.org/rel\"", post.ContentHtml, StringComparison.Ordinal);
        Assert.Contains("noopener", post.ContentHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_FailingSource_BacksOffExponentiallyFromAMinuteAndNeverStopsOthers()
    {
        // Arrange
        Server.Map("/down.xml", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        Server.MapFeed("/up.xml", () => Rss("Up", Items("up", 3, Newest)));
        await using var app = App(CatalogFile.Source("down", Server.Url("/down.xml")), CatalogFile.Source("up", Server.Url("/up.xml")));
        var states = app.Services.GetRequiredService<ISourceStateStore>();
        var waits = new List<TimeSpan>();

        // Act
        for (var i = 0; i < 6; i++)
        {
            var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
            Assert.Equal(1, summary.FetchErrors);
            var state = await states.GetAsync("down", TestContext.Current.CancellationToken);
            waits.Add(state!.NextCheckAt!.Value - app.Clock.GetUtcNow().UtcDateTime);
        }

        // Assert: 1 min × 2^(n-1) ± 10% (not the 30 min interval), and the status goes degraded → broken.
        for (var i = 0; i < 6; i++)
        {
            var expected = TimeSpan.FromMinutes(Math.Pow(2, i));
            Assert.InRange(waits[i], expected * 0.89, expected * 1.11);
        }

        var down = await states.GetAsync("down", TestContext.Current.CancellationToken);
        Assert.Equal(6, down!.ConsecutiveErrors);
        // Six polls in a row opened the feed's circuit breaker: it still shows its own error.
        Assert.StartsWith("HTTP 500 Internal Server Error", down.LastError, StringComparison.Ordinal);
        Assert.Equal(SourceStatus.Broken, NextCheck.StatusOf(new AiFeed.Catalog.SourceDefinition { Id = "down", Name = "d" }, down));
        Assert.Equal(3L, (await app.Services.GetRequiredService<IPostStore>().CountAsync(new PostQuery(), TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Poll_TooManyRequestsWithRetryAfter_ReschedulesAfterIt()
    {
        // Arrange
        Server.Map("/limited.xml", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7200";
            return Task.CompletedTask;
        });
        await using var app = App(CatalogFile.Source("limited", Server.Url("/limited.xml")));

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var state = await app.Services.GetRequiredService<ISourceStateStore>().GetAsync("limited", TestContext.Current.CancellationToken);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(2), state!.NextCheckAt);
        Assert.Equal(429, state.LastStatusCode);
    }

    [Fact]
    public async Task Poll_TtlLongerThanInterval_StretchesNextCheck()
    {
        // Arrange
        Server.MapFeed("/ttl.xml", () => Rss("T", Items("ttl", 1, Newest), ttl: "180"));
        await using var app = App(CatalogFile.Source("ttl", Server.Url("/ttl.xml")));

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var state = await app.Services.GetRequiredService<ISourceStateStore>().GetAsync("ttl", TestContext.Current.CancellationToken);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(180), state!.NextCheckAt);
    }

    [Fact]
    public async Task PollDue_OnlyRefreshesSourcesWhoseTimeHasCome()
    {
        // Arrange
        Server.MapFeed("/due.xml", () => Rss("D", Items("due", 1, Newest)));
        await using var app = App(CatalogFile.Source("due", Server.Url("/due.xml")));
        await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Act
        var early = await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var later = await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(0, early.Sources);
        Assert.Equal(1, later.NotModified);
    }

    [Fact]
    public async Task PollDue_FirstRunAfterARestart_RetriesAtOnceOnlySourcesThatNeverSucceeded()
    {
        // Arrange: the first start had no way to "never"; "was-ok" was read once, then failed.
        var up = false;
        Server.Map("/never.xml", context => Respond(context, up, "never"));
        var wasOkUp = true;
        Server.Map("/was-ok.xml", context => Respond(context, wasOkUp, "was-ok"));
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("never", Server.Url("/never.xml")), CatalogFile.Source("was-ok", Server.Url("/was-ok.xml"))], new { pollInterval = "01:00:00" });
        var data = new Dictionary<string, string?> { ["Storage:DataDirectory"] = Folder.File("data") };
        await using (var first = new AiFeedApp(feeds, settings: data))
        {
            await first.Poller.PollDueAsync(TestContext.Current.CancellationToken);
            wasOkUp = false;
            await first.Poller.PollNowAsync("was-ok", TestContext.Current.CancellationToken);
        }

        up = true;
        wasOkUp = true;
        await using var second = new AiFeedApp(feeds, settings: data);

        // Act: the same instant, so by their next check times neither is due.
        var atStart = await second.Poller.PollDueAsync(TestContext.Current.CancellationToken);
        var after = await second.Poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal((1, 1, 2), (atStart.Sources, atStart.Ok, atStart.NewPosts));
        Assert.Equal(0, after.Sources);
        var states = second.Services.GetRequiredService<ISourceStateStore>();
        Assert.Equal(0, (await states.GetAsync("never", TestContext.Current.CancellationToken))!.ConsecutiveErrors);
        Assert.Equal(1, (await states.GetAsync("was-ok", TestContext.Current.CancellationToken))!.ConsecutiveErrors);

        static Task Respond(HttpContext context, bool up, string name)
        {
            if (!up)
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync(Rss(name, Items(name, 2, Newest)), context.RequestAborted);
        }
    }

    [Fact]
    public async Task Poll_PermanentRedirect_MovesTheStoredFeedUrl()
    {
        // Arrange
        Server.Map("/old.xml", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "/new.xml";
            return Task.CompletedTask;
        });
        Server.MapFeed("/new.xml", () => Rss("N", Items("moved", 2, Newest)));
        await using var app = App(CatalogFile.Source("moved", Server.Url("/old.xml")));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var state = await app.Services.GetRequiredService<ISourceStateStore>().GetAsync("moved", TestContext.Current.CancellationToken);
        Assert.Equal(Server.Url("/new.xml").AbsoluteUri, state!.FeedUrl);
        Assert.Equal(1, Server.CountRequests("/old.xml"));
    }

    [Fact]
    public async Task Poll_HtmlInsteadOfFeed_IsAParseErrorAndKeepsStoredPosts()
    {
        // Arrange
        var html = false;
        Server.Map("/flaky.xml", context => context.Response.WriteAsync(
            html ? "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>" : Rss("F", Items("flaky", 4, Newest)),
            context.RequestAborted));
        await using var app = App(CatalogFile.Source("flaky", Server.Url("/flaky.xml")));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        html = true;

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1, summary.ParseErrors);
        Assert.Equal(4L, summary.StoredPosts);
        var state = await app.Services.GetRequiredService<ISourceStateStore>().GetAsync("flaky", TestContext.Current.CancellationToken);
        Assert.Equal("parse-error", state!.LastOutcome);
    }

    [Fact]
    public async Task Api_AfterPoll_ListsSourcesWithState()
    {
        // Arrange
        Server.MapFeed("/s.xml", () => Rss("S", Items("state", 2, Newest)));
        await using var app = App(CatalogFile.Source("s", Server.Url("/s.xml")), CatalogFile.Source("gone", Server.Url("/missing.xml")));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Act
        var body = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/sources", TestContext.Current.CancellationToken);

        // Assert
        var sources = body.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal("ok", sources["s"].GetProperty("status").GetString());
        Assert.Equal(2, sources["s"].GetProperty("postCount").GetInt32());
        Assert.Equal("degraded", sources["gone"].GetProperty("status").GetString());
        Assert.Equal("HTTP 404 Not Found", sources["gone"].GetProperty("lastError").GetString());
        Assert.Equal(1, sources["gone"].GetProperty("consecutiveErrors").GetInt32());
    }

    private AiFeedApp App(params object[] sources) =>
        new(CatalogFile.Write(Folder.File($"feeds-{Guid.NewGuid():N}.json"), sources, new { requestTimeout = "00:00:10", pollInterval = "00:30:00" }));
}
