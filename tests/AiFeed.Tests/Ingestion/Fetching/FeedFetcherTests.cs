using System.Net;
using AiFeed.Ingestion.Fetching;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Ingestion.Fetching;

public sealed class FeedFetcherTests : IAsyncLifetime
{
    private LoopbackServer server = null!;
    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        services = BuildServices(primary: null);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Fetch_SecondRequestWithValidators_SendsThemRawAndGets304()
    {
        // Arrange
        server.MapFeed("/feed.xml", () => "<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
        var fetcher = services.GetRequiredService<FeedFetcher>();
        var first = await fetcher.FetchAsync(Request("/feed.xml"), TestContext.Current.CancellationToken);

        // Act
        var second = await fetcher.FetchAsync(Request("/feed.xml") with { ETag = first.ETag, LastModified = first.LastModified }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        var last = server.Requests.Last();
        Assert.Equal(first.ETag, last.IfNoneMatch);
        Assert.Equal("Wed, 25 Nov 2026 10:00:00 GMT", last.IfModifiedSince);
        Assert.Equal("AiFeedTest/1.0", last.UserAgent);
    }

    [Fact]
    public async Task Fetch_UnquotedEtag_IsSentBackAsReceived()
    {
        // Arrange: servers really send ETags that typed header parsing rejects.
        server.Map("/odd", context =>
        {
            context.Response.Headers.ETag = "abc 123";
            return context.Response.WriteAsync("<rss/>", context.RequestAborted);
        });
        var fetcher = services.GetRequiredService<FeedFetcher>();
        var first = await fetcher.FetchAsync(Request("/odd"), TestContext.Current.CancellationToken);

        // Act
        await fetcher.FetchAsync(Request("/odd") with { ETag = first.ETag }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("abc 123", first.ETag);
        Assert.Equal("abc 123", server.Requests.Last().IfNoneMatch);
    }

    [Fact]
    public async Task Fetch_BodyOverCapWithContentLength_FailsWithoutReading()
    {
        // Arrange
        server.Map("/big", context =>
        {
            context.Response.ContentLength = 5000;
            return context.Response.Body.WriteAsync(new byte[5000], context.RequestAborted).AsTask();
        });

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/big") with { MaxBytes = 1024 }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("larger than", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ChunkedBodyOverCap_StopsAtCap()
    {
        // Arrange: no Content-Length, so the cap must be counted while reading.
        server.Map("/chunked", async context =>
        {
            for (var i = 0; i < 10; i++)
            {
                await context.Response.Body.WriteAsync(new byte[1000], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/chunked") with { MaxBytes = 4096 }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("larger than", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_BodyDripsPastDeadline_FailsAtDeadline()
    {
        // Arrange: headers at once, then a byte every 200 ms for far longer than the deadline
        // (100 bytes, 20 s); the server notes how many it sent before the client hung up.
        const int Drips = 100;
        var sent = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Map("/drip", async context =>
        {
            var i = 0;
            try
            {
                await context.Response.StartAsync(context.RequestAborted);
                for (; i < Drips; i++)
                {
                    await context.Response.Body.WriteAsync("<"u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(200, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client hung up: what this test expects.
            }
            finally
            {
                sent.TrySetResult(i);
            }
        });

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/drip") with { Timeout = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("within 1 s", result.Error, StringComparison.Ordinal);
        var dripped = await sent.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(dripped < Drips, "the deadline must cover the body: the client read the whole drip");
    }

    [Fact]
    public async Task Fetch_RedirectLoop_FailsNamingTheLoop()
    {
        // Arrange
        server.Map("/a", context => Redirect(context, "/b", 302));
        server.Map("/b", context => Redirect(context, "/a", 302));

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/a"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("redirect loop", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301, true)]
    [InlineData(308, true)]
    [InlineData(302, false)]
    [InlineData(307, false)]
    public async Task Fetch_Redirect_ReportsPermanentMovesOnly(int status, bool permanent)
    {
        // Arrange
        server.Map("/old", context => Redirect(context, "/new", status));
        server.MapFeed("/new", () => "<rss version=\"2.0\"><channel/></rss>");

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/old"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(server.Url("/new"), result.FinalUrl);
        Assert.Equal(permanent ? server.Url("/new") : null, result.PermanentlyMovedTo);
    }

    [Fact]
    public async Task Fetch_HttpsRedirectToHttp_IsRefused()
    {
        // Arrange: a fake primary handler, since loopback serves no TLS.
        await using var fake = BuildServices(new StubHandler(request => request.RequestUri!.Scheme == "https"
            ? new HttpResponseMessage(HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri("http://feeds.example.org/rss") } }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<rss/>") }));

        // Act
        var result = await fake.GetRequiredService<FeedFetcher>().FetchAsync(
            new FetchRequest(new Uri("https://feeds.example.org/rss"), null, null, "AiFeedTest/1.0", 1 << 20, TimeSpan.FromSeconds(5)),
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("from https to http", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, false)]
    [InlineData(503, false)]
    [InlineData(503, true)]
    public async Task Fetch_RetryAfter_IsReportedNotWaitedOrRetried(int status, bool sharedPipeline)
    {
        // Arrange: the service's per-feed pipelines, or the one-shot poll's shared one.
        server.Map("/busy", context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        await using var pipelines = BuildServices(primary: null, configure: sharedPipeline ? s => s.ShareOneFeedPipeline() : null);

        // Act
        var result = await pipelines.GetRequiredService<FeedFetcher>().FetchAsync(Request("/busy"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.HttpError, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Equal(1, server.CountRequests("/busy"));
    }

    [Fact]
    public async Task Fetch_ServerError_IsRetriedOnceThenReported()
    {
        // Arrange
        server.Map("/error", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/error"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.HttpError, result.Outcome);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal(2, server.CountRequests("/error"));
    }

    [Fact]
    public async Task Fetch_GzipBody_IsDecompressed()
    {
        // Arrange
        server.Map("/gz", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new System.IO.Compression.GZipStream(context.Response.Body, System.IO.Compression.CompressionLevel.Fastest);
            await gzip.WriteAsync("<rss version=\"2.0\"/>"u8.ToArray(), context.RequestAborted);
        });

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(Request("/gz"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("<rss version=\"2.0\"/>", System.Text.Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Fetch_ServerClosesWithoutAnswering_OneRetryIsTwoRequests()
    {
        // Arrange: the server reads each request and closes the connection cleanly, which the
        // handler would silently re-send up to three times per attempt.
        await using var closing = new RawHttpServer((_, _) => Task.FromResult(false));

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(
            new FetchRequest(closing.Url("/feed.xml"), null, null, "AiFeedTest/1.0", 1 << 20, TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(2, closing.Requests);
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("closed the connection without answering", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fetch_ServerHangs_EachAttemptTimesOutInsideTheDeadline(bool sharedPipeline)
    {
        // Arrange: headers never come; one attempt may wait 1 s, the whole request 30 s; the
        // service's per-feed pipelines, or the one-shot poll's shared one.
        server.Map("/hang", context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        await using var quick = BuildServices(primary: null, new Dictionary<string, string?> { ["Fetch:AttemptTimeout"] = "00:00:01" }, sharedPipeline ? s => s.ShareOneFeedPipeline() : null);

        // Act
        var result = await quick.GetRequiredService<FeedFetcher>().FetchAsync(Request("/hang") with { Timeout = TimeSpan.FromSeconds(30) }, TestContext.Current.CancellationToken);

        // Assert: two attempts (one retry), each cut by the attempt timeout, not one cut by the deadline.
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("no answer within 1 s (tried 2 times)", result.Error);
        Assert.Equal(2, server.CountRequests("/hang"));
    }

    [Fact]
    public async Task Fetch_BodyCutOff_FailsNamingIt()
    {
        // Arrange: the head announces 5,000 bytes, 1,000 come, then the connection closes.
        await using var cutting = new RawHttpServer(async (stream, ct) =>
        {
            await RawHttpServer.WriteCutOffAsync(stream, new string('x', 5000), 1000, ct);
            return false;
        });

        // Act
        var result = await services.GetRequiredService<FeedFetcher>().FetchAsync(
            new FetchRequest(cutting.Url("/feed.xml"), null, null, "AiFeedTest/1.0", 1 << 20, TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("the connection closed before the whole answer arrived", result.Error);
        Assert.Equal(1, cutting.Requests);
    }

    [Fact]
    public async Task Fetch_ManyFailingFeedsOnOneHost_NeighbourStillFetchedAndFailuresKeepTheirStatus()
    {
        // Arrange: 15 feeds of one host answer 500, enough failures for a host-wide breaker to open.
        for (var i = 0; i < 15; i++)
        {
            server.Map($"/bad{i}", context =>
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            });
        }

        server.MapFeed("/good", () => "<rss version=\"2.0\"><channel><title>g</title></channel></rss>");
        var fetcher = services.GetRequiredService<FeedFetcher>();
        var failures = new List<FetchResult>();

        // Act
        for (var i = 0; i < 15; i++)
        {
            failures.Add(await fetcher.FetchAsync(Request($"/bad{i}"), TestContext.Current.CancellationToken));
        }

        var good = await fetcher.FetchAsync(Request("/good"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchOutcome.Ok, good.Outcome);
        Assert.All(failures, f => Assert.Equal("HTTP 500 Internal Server Error", f.Error));
    }

    [Fact]
    public async Task Fetch_OneFeedFailingAgainAndAgain_OnlyThatFeedIsPaused()
    {
        // Arrange
        server.Map("/flaky", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        server.MapFeed("/steady", () => "<rss version=\"2.0\"><channel><title>s</title></channel></rss>");
        var fetcher = services.GetRequiredService<FeedFetcher>();

        // Act: 8 fetches, 16 failed attempts, past the breaker's minimum of 10.
        FetchResult last = null!;
        for (var i = 0; i < 8; i++)
        {
            last = await fetcher.FetchAsync(Request("/flaky"), TestContext.Current.CancellationToken);
        }

        var steady = await fetcher.FetchAsync(Request("/steady"), TestContext.Current.CancellationToken);

        // Assert
        Assert.True(last.CircuitOpen, last.Error);
        Assert.Equal(FetchOutcome.Ok, steady.Outcome);
    }

    [Fact]
    public async Task Fetch_OnePipelineShared_RetriesButPausesNoFeed()
    {
        // Arrange: the one-shot poll's pipeline (ShareOneFeedPipeline).
        var attempts = 0;
        server.Map("/flaky", context =>
        {
            Interlocked.Increment(ref attempts);
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        await using var shared = BuildServices(primary: null, configure: s => s.ShareOneFeedPipeline());
        var fetcher = shared.GetRequiredService<FeedFetcher>();

        // Act: as many failed attempts as pause a feed with its own breaker.
        var results = new List<FetchResult>();
        for (var i = 0; i < 8; i++)
        {
            results.Add(await fetcher.FetchAsync(Request("/flaky"), TestContext.Current.CancellationToken));
        }

        // Assert: every fetch was sent and retried once.
        Assert.All(results, r => Assert.False(r.CircuitOpen, r.Error));
        Assert.Equal(16, attempts);
    }

    private FetchRequest Request(string path) =>
        new(server.Url(path), null, null, "AiFeedTest/1.0", 10 * 1024 * 1024, TimeSpan.FromSeconds(10));

    private static Task Redirect(HttpContext context, string location, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static ServiceProvider BuildServices(HttpMessageHandler? primary, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        var configuration = new Dictionary<string, string?> { ["Fetch:RetryDelay"] = "00:00:00", ["Fetch:AllowedNetworks:0"] = "127.0.0.0/8" };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddFeedFetching();
        configure?.Invoke(services);
        if (primary is not null)
        {
            services.AddHttpClient(FeedFetcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => primary);
        }

        return services.BuildServiceProvider();
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
