using System.Globalization;
using AiFeed.Ingestion;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Ingestion;

/// <summary>
/// The catalog's limits hold a source's requests, not its processing: a source whose posts wait for
/// the single writer gives its place at the host back, while the sources read and not yet stored
/// stay as many as <c>maxConcurrency</c>. A write observer stands in for a slow or busy writer.
/// </summary>
public sealed class PollerPipelineTests : LoopbackTests
{
    private int requested;
    private int written;
    private int mostAhead;

    [Fact]
    public async Task Poll_WriterBusyWithOneSource_NextSourceOnTheSameHostRequestedMeanwhile()
    {
        // Arrange: two feeds on one host with one place there; the first write waits (30 s at most)
        // until both feeds have been requested, which only happens if the first source's place at
        // the host came back before its posts were stored.
        var bothRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sources = new List<object>();
        foreach (var name in new[] { "alpha", "bravo" })
        {
            var body = Rss(name, Items(name, 1, Newest));
            Server.Map($"/{name}.xml", async context =>
            {
                if (Interlocked.Increment(ref requested) == 2)
                {
                    bothRequested.TrySetResult();
                }

                context.Response.ContentType = "application/rss+xml";
                await context.Response.WriteAsync(body, context.RequestAborted);
            });
            sources.Add(CatalogFile.Source(name, Server.Url($"/{name}.xml")));
        }

        var observer = new HeldWriter(bothRequested.Task);
        await using var app = new AiFeedApp(CatalogFile.Write(
            Folder.File("feeds.json"), sources, new { requestTimeout = "00:00:20", maxConcurrency = 2, maxConcurrencyPerHost = 1 }));
        await using var held = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPostWriteObserver>(observer)));

        // Act
        var summary = await held.Services.GetRequiredService<SourcePoller>().PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(observer.SawBothRequested, "the second source was not requested while the first one's posts were being stored");
        Assert.Equal(2, summary.Ok);
        Assert.Equal(2, summary.Items);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Poll_WriterSlowerThanRequests_SourcesReadButNotStoredNeverExceedReadAheadTimesMaxConcurrency(int readAhead)
    {
        // Arrange: eight one-item feeds, two at once; every write takes a while, so requests would run
        // ahead of the store without a bound. Each request counts the sources requested and not yet
        // written (a source's place comes back only after its write, observers included).
        const int Feeds = 8, MaxConcurrency = 2;
        var sources = new List<object>();
        for (var i = 0; i < Feeds; i++)
        {
            var name = $"feed{i}";
            var body = Rss(name, Items(name, 1, Newest));
            Server.Map($"/{name}.xml", async context =>
            {
                var ahead = Interlocked.Increment(ref requested) - Volatile.Read(ref written);
                InterlockedMax(ref mostAhead, ahead);
                context.Response.ContentType = "application/rss+xml";
                await context.Response.WriteAsync(body, context.RequestAborted);
            });
            sources.Add(CatalogFile.Source(name, Server.Url($"/{name}.xml")));
        }

        await using var app = new AiFeedApp(CatalogFile.Write(
            Folder.File("feeds.json"), sources, new { requestTimeout = "00:00:20", maxConcurrency = MaxConcurrency, maxConcurrencyPerHost = MaxConcurrency }));
        await using var slow = app.WithWebHostBuilder(b => b
            .UseSetting("Polling:ReadAhead", readAhead.ToString(CultureInfo.InvariantCulture))
            .ConfigureServices(s => s.AddSingleton<IPostWriteObserver>(new SlowWriter(this))));

        // Act
        var summary = await slow.Services.GetRequiredService<SourcePoller>().PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert: within the bound, and past the requests' own limit when reading ahead.
        Assert.Equal(Feeds, summary.Ok);
        Assert.Equal(Feeds, Volatile.Read(ref requested));
        Assert.InRange(Volatile.Read(ref mostAhead), readAhead == 1 ? 1 : MaxConcurrency + 1, MaxConcurrency * readAhead);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    // Holds the first write until both feeds have been requested, or gives up after 30 s (the
    // behaviour under test missing), so the poll ends either way.
    private sealed class HeldWriter(Task bothRequested) : IPostWriteObserver
    {
        private int writes;

        public bool SawBothRequested { get; private set; }

        public async ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref writes) != 1)
            {
                return;
            }

            try
            {
                await bothRequested.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                SawBothRequested = true;
            }
            catch (TimeoutException)
            {
                SawBothRequested = false;
            }
        }
    }

    // Counts a write's sources (one post each) when it lands, then keeps the writer a while.
    private sealed class SlowWriter(PollerPipelineTests test) : IPostWriteObserver
    {
        public async ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref test.written, count);
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
