using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Ingestion;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Reliability;

/// <summary>
/// Every way a refresh can end is recorded in the source's state, with its error and a backoff,
/// so a failing source is neither shown as pending nor fetched again at every dispatch; a feed read
/// after repair says so; one host's failing feeds do not fail its healthy ones.
/// </summary>
public sealed class RecordedOutcomeTests : LoopbackTests
{
    private static readonly object Defaults = new { requestTimeout = "00:00:10", pollInterval = "00:30:00" };

    [Fact]
    public async Task PollDue_BodyCutOff_StateRecordedAndBackedOff()
    {
        // Arrange: the answer announces the whole feed and breaks off after 200 bytes, every time.
        var feed = Rss("Cut", Items("cut", 20, Newest));
        await using var cutting = new RawHttpServer(async (stream, ct) =>
        {
            await RawHttpServer.WriteCutOffAsync(stream, feed, 200, ct);
            return false;
        });
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("cut", cutting.Url("/feed.xml"))], Defaults));

        // Act: one dispatch, then five more ten seconds apart, all before the first backoff (a minute ± 10 %) ends.
        await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await app.Poller.PollDueAsync(TestContext.Current.CancellationToken);
        }

        // Assert
        var state = await StateAsync(app, "cut");
        Assert.Equal("fetch-error", state.LastOutcome);
        Assert.Equal("the connection closed before the whole answer arrived", state.LastError);
        Assert.Equal(1, state.ConsecutiveErrors);
        Assert.True(state.NextCheckAt > app.Clock.GetUtcNow().UtcDateTime, $"next check {state.NextCheckAt:o} is not after now");
        Assert.Equal(SourceStatus.Degraded, NextCheck.StatusOf(new AiFeed.Catalog.SourceDefinition { Id = "cut", Name = "Cut" }, state));
        Assert.InRange(cutting.Requests, 1, 2);
    }

    [Fact]
    public async Task Poll_RefreshThrows_StateRecordedWithErrorAndBackoff()
    {
        // Arrange: a write observer that throws stands for a bug anywhere in a refresh.
        Server.MapFeed("/feed.xml", () => Rss("F", Items("f", 3, Newest)));
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("f", Server.Url("/feed.xml"))], Defaults));
        await using var broken = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPostWriteObserver, ThrowingObserver>()));
        var poller = broken.Services.GetRequiredService<SourcePoller>();

        // Act
        await poller.PollDueAsync(TestContext.Current.CancellationToken);
        await poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Assert
        var state = (await broken.Services.GetRequiredService<ISourceStateStore>().GetAsync("f", TestContext.Current.CancellationToken))!;
        Assert.Equal("error", state.LastOutcome);
        Assert.Equal("refreshing failed unexpectedly: a bug in the write path", state.LastError);
        Assert.Equal(1, state.ConsecutiveErrors);
        Assert.True(state.NextCheckAt > app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(1, Server.CountRequests("/feed.xml"));
    }

    [Fact]
    public async Task Poll_StoringFailedAfterTheRead_NextPollAsksWithoutValidatorsAndStoresTheNewPost()
    {
        // Arrange: a feed that answers its current ETag with a 304; a first poll stores its 3 posts,
        // then the feed gains a post and the store's next save fails.
        var version = 1;
        var conditional = 0;
        Server.Map("/feed.xml", async context =>
        {
            var etag = $"\"v{version}\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                conditional++;
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = etag;
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(Rss("F", Items("f", version + 2, Newest)));
        });
        var store = new SaveFailsWhenAsked();
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("f", Server.Url("/feed.xml"))], Defaults));
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IStoryStore>(sp => store.Over(sp.GetRequiredService<LiteDbPostStore>()))));
        var poller = failing.Services.GetRequiredService<SourcePoller>();
        var states = failing.Services.GetRequiredService<ISourceStateStore>();
        var ct = TestContext.Current.CancellationToken;
        await poller.PollNowAsync(null, ct);
        version = 2;
        store.Fail = true;

        // Act
        var failed = await poller.PollNowAsync(null, ct);
        var afterFailure = (await states.GetAsync("f", ct))!;
        store.Fail = false;
        var next = await poller.PollNowAsync(null, ct);

        // Assert
        Assert.Equal((0, 0), (failed.Ok, failed.NewPosts));
        Assert.Null(afterFailure.ETag);
        Assert.Equal(0, conditional);
        Assert.Equal((1, 1), (next.Ok, next.NewPosts));
        Assert.Equal("\"v2\"", (await states.GetAsync("f", ct))!.ETag);
    }

    [Fact]
    public async Task Poll_TruncatedFeedReadAfterRepair_OkWithWarningOnApiAndSourcesPage()
    {
        // Arrange: 20 items, cut off inside the 13th.
        var whole = Rss("T", Items("t", 20, Newest));
        var cut = whole[..whole.IndexOf("<item>", whole.IndexOf("t post 11<", StringComparison.Ordinal), StringComparison.Ordinal)] + "<item><title>t post 12";
        Server.MapFeed("/feed.xml", () => cut);
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("t", Server.Url("/feed.xml"))], Defaults));
        using var client = app.CreateClient();

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/sources", TestContext.Current.CancellationToken);
        var page = await client.GetStringAsync("/sources", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1, summary.Ok);
        Assert.Equal(12, summary.Items);
        var source = api.GetProperty("sources")[0];
        Assert.Equal("ok", source.GetProperty("status").GetString());
        var warning = source.GetProperty("warning").GetString();
        Assert.StartsWith("the feed is not well-formed XML at line 1", warning, StringComparison.Ordinal);
        Assert.Contains("the 12 items before that point were read, any after it are missing", warning, StringComparison.Ordinal);
        Assert.Contains("Warning: the feed is not well-formed XML", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_RepairedFeedFixedAtTheSource_WarningCleared()
    {
        // Arrange
        var broken = true;
        var whole = Rss("T", Items("t", 3, Newest));
        Server.MapFeed("/feed.xml", () => broken ? whole.Replace("Summary of", "Summary&nbsp;of", StringComparison.Ordinal) : whole);
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("t", Server.Url("/feed.xml"))], Defaults));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var before = (await StateAsync(app, "t")).LastWarning;
        broken = false;

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.StartsWith("the feed is not well-formed XML at line 1, column ", before, StringComparison.Ordinal);
        Assert.EndsWith("; it was read after repair", before, StringComparison.Ordinal);
        Assert.Null((await StateAsync(app, "t")).LastWarning);
    }

    [Fact]
    public async Task Poll_FifteenFailingFeedsOnOneHost_HealthyNeighboursOkAndFailuresShowTheirStatus()
    {
        // Arrange: one host, 15 feeds answering 500 listed first, 5 healthy ones after them.
        var sources = new List<object>();
        for (var i = 0; i < 15; i++)
        {
            Server.Map($"/bad{i}.xml", context =>
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            });
            sources.Add(CatalogFile.Source($"bad{i}", Server.Url($"/bad{i}.xml")));
        }

        for (var i = 0; i < 5; i++)
        {
            var prefix = $"good{i}";
            Server.MapFeed($"/good{i}.xml", () => Rss(prefix, Items(prefix, 2, Newest)));
            sources.Add(CatalogFile.Source(prefix, Server.Url($"/good{i}.xml")));
        }

        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), sources, Defaults));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(5, summary.Ok);
        Assert.Equal(15, summary.FetchErrors);
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal("HTTP 500 Internal Server Error", (await StateAsync(app, $"bad{i}")).LastError);
        }

        Assert.Equal(30, Enumerable.Range(0, 15).Sum(i => Server.CountRequests($"/bad{i}.xml")));
    }

    [Fact]
    public async Task PollDue_NothingDue_NoRunLineAtInformation()
    {
        // Arrange
        Server.MapFeed("/feed.xml", () => Rss("F", Items("f", 1, Newest)));
        var logs = new LogCapture();
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("f", Server.Url("/feed.xml"))], Defaults));
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var poller = logged.Services.GetRequiredService<SourcePoller>();
        await poller.PollDueAsync(TestContext.Current.CancellationToken);

        // Act: the source is not due again for 30 minutes.
        for (var i = 0; i < 3; i++)
        {
            await poller.PollDueAsync(TestContext.Current.CancellationToken);
        }

        // Assert: the first run is reported, the empty ones are not.
        var runs = logs.Lines.Where(l => l.Level >= LogLevel.Information && l.Message.StartsWith("Poll run:", StringComparison.Ordinal)).ToList();
        var run = Assert.Single(runs);
        Assert.StartsWith("Poll run: 1 sources, 1 ok", run.Message, StringComparison.Ordinal);
    }

    private static async Task<SourceState> StateAsync(WebApplicationFactory<Program> app, string id) =>
        (await app.Services.GetRequiredService<ISourceStateStore>().GetAsync(id, TestContext.Current.CancellationToken))!;

    // The LiteDB store, whose saves of posts and stories throw before writing anything while Fail is set.
    private sealed class SaveFailsWhenAsked
    {
        public volatile bool Fail;

        public IStoryStore Over(LiteDbPostStore inner) => new Store(this, inner);

        private sealed class Store(SaveFailsWhenAsked owner, LiteDbPostStore inner) : IStoryStore
        {
            public Task<IReadOnlyList<Post>> FindByKeysAsync(StoryLookup lookup, CancellationToken cancellationToken) => inner.FindByKeysAsync(lookup, cancellationToken);

            public Task<IReadOnlyList<Post>> GetEvidenceAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken) => inner.GetEvidenceAsync(postIds, cancellationToken);

            public Task<IReadOnlyList<StoryRecord>> GetStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken) => inner.GetStoriesAsync(storyIds, cancellationToken);

            public Task SaveStoriesAsync(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> removedStoryIds, CancellationToken cancellationToken) =>
                owner.Fail ? throw new IOException("the disk is full") : inner.SaveStoriesAsync(posts, stories, removedStoryIds, cancellationToken);
        }
    }

    private sealed class ThrowingObserver : IPostWriteObserver
    {
        public ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken) => throw new InvalidOperationException("a bug in the write path");
    }
}
