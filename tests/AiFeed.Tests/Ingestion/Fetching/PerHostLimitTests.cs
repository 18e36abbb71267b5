using System.Collections.Concurrent;
using System.Net;
using AiFeed.Endpoints;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Endpoints;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Ingestion.Fetching;

/// <summary>
/// One knob per kind of work against one host: the catalog's <c>maxConcurrencyPerHost</c> for the
/// poller (no connection cap of the feed client's below it), <c>Images:MaxConcurrencyPerHost</c> for
/// the image proxy. A loopback server counts the requests it is answering at once.
/// </summary>
public sealed class PerHostLimitTests : LoopbackTests
{
    private int started;
    private int inFlight;
    private int maxInFlight;

    [Fact]
    public async Task Poll_CatalogAllowsEightPerHost_EightRequestsAtOnceAndNoMore()
    {
        // Arrange: 12 feeds on one host; each answer waits until 8 are under way (or all 12 have
        // come), so a cap below 8 anywhere on the way shows as fewer at once (and timeouts).
        const int Feeds = 12, PerHost = 8;
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sources = new List<object>();
        for (var i = 0; i < Feeds; i++)
        {
            var path = $"/f{i}.xml";
            var body = Rss($"F{i}", Items($"feed{i}", 2, Newest));
            Server.Map(path, async context =>
            {
                Enter();
                try
                {
                    if (Volatile.Read(ref inFlight) >= PerHost || Volatile.Read(ref started) == Feeds)
                    {
                        open.TrySetResult();
                    }

                    await open.Task.WaitAsync(context.RequestAborted);
                    context.Response.ContentType = "application/rss+xml";
                    await context.Response.WriteAsync(body, context.RequestAborted);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
            sources.Add(CatalogFile.Source($"f{i}", Server.Url(path)));
        }

        await using var app = new AiFeedApp(CatalogFile.Write(
            Folder.File("feeds.json"), sources, new { requestTimeout = "00:00:20", maxConcurrency = 16, maxConcurrencyPerHost = PerHost }));

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(Feeds, summary.Ok);
        Assert.Equal(PerHost, maxInFlight);
    }

    [Fact]
    public async Task ImageProxy_SixImagesOfOneHostAtOnce_NeverMoreThanItsBound()
    {
        // Arrange: one post with six images on one host; each image request is held until the test
        // lets it go, one at a time, once the proxy has as many under way as its bound allows.
        const int Images = 6, Bound = 2;
        var held = new ConcurrentQueue<TaskCompletionSource>();
        var urls = Enumerable.Range(0, Images).Select(i => Server.Url($"/img/{i}.png").AbsoluteUri).ToList();
        foreach (var url in urls)
        {
            Server.Map(new Uri(url).AbsolutePath, async context =>
            {
                Enter();
                try
                {
                    var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    held.Enqueue(release);
                    await release.Task.WaitAsync(context.RequestAborted);
                    context.Response.ContentType = "image/png";
                    await context.Response.Body.WriteAsync(ImageProxyTests.Png, context.RequestAborted);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
        }

        var html = string.Concat(urls.Select(u => $"<img src=\"{u}\" alt=\"figure\">"));
        Server.MapFeed("/labs.xml", () => Rss("Labs", [new Item("Six figures", "https://labs.example.org/six", Published: Newest, Content: $"<p>Figures.</p>{html}")]));
        await using var app = new AiFeedApp(
            CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("labs", Server.Url("/labs.xml"))]),
            settings: new Dictionary<string, string?> { ["Images:MaxConcurrencyPerHost"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        var post = (await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery { Limit = 1 }, TestContext.Current.CancellationToken)).Items.Single();
        using var client = app.CreateClient();

        // Act
        var responses = urls.Select(u => client.GetAsync(ImagesApi.UrlOf(post.Id, u), TestContext.Current.CancellationToken)).ToList();
        await Eventually.ReachAsync(() => Task.FromResult(Volatile.Read(ref inFlight)), n => n >= Bound, "the proxy's first images under way");
        for (var released = 0; released < Images; released++)
        {
            await Eventually.ReachAsync(() => Task.FromResult(held.Count), n => n > 0, "an image request held");
            Assert.True(held.TryDequeue(out var next));
            next.SetResult();
        }

        var answered = await Task.WhenAll(responses);

        // Assert
        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Bound, maxInFlight);
        foreach (var response in answered)
        {
            response.Dispose();
        }
    }

    private void Enter()
    {
        Interlocked.Increment(ref started);
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }
    }
}
