using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// The hidden <c>feed-server &lt;feeds&gt; &lt;seed&gt;</c> verb: the child process that generates the
/// synthetic feeds and serves them, so the bench's working set is AiFeed's and the baseline's only.
/// It prints <see cref="ReadyPrefix"/> and its base address when listening, answers the control
/// endpoints below on the same loopback port, and exits when its stdin closes (the parent closed
/// it, exited or died) or on SIGINT/SIGTERM.
/// </summary>
internal sealed class FeedServerHost
{
    public const string Verb = "feed-server";
    public const string ControlPath = "/_control";
    public const string ReadyPrefix = "feed-server listening on ";

    private readonly SyntheticFeeds feeds;
    private readonly HashSet<string> stories;
    private readonly HashSet<string> rows;
    private readonly Lock gate = new();
    private FeedServer? server;

    private FeedServerHost(SyntheticFeeds feeds)
    {
        this.feeds = feeds;
        stories = feeds.All.SelectMany(f => f.Items).Select(i => i.StoryKey).ToHashSet(StringComparer.Ordinal);
        rows = feeds.All.SelectMany(f => f.Items.Select(i => f.Id + "/" + i.Guid)).ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} <feeds> <seed>");
            return 2;
        }

        var count = int.Parse(args[0], CultureInfo.InvariantCulture);
        var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
        var host = new FeedServerHost(new SyntheticFeeds(count, itemsPerFeed: 20, crossPostShare: 0.03, seed));
        await using var server = await FeedServer.StartAsync(host.feeds, host.ControlAsync, CancellationToken.None);
        host.server = server;
        Console.WriteLine(ReadyPrefix + server.BaseAddress.AbsoluteUri);
        await Console.Out.FlushAsync();
        await WaitForParentAsync(server.Stopping);
        return 0;
    }

    // The parent holds our stdin open for as long as it wants the server: EOF means it is done or gone.
    // A blocked stdin read cannot be cancelled, so a stop signal wins the race instead.
    private static async Task WaitForParentAsync(CancellationToken stopping)
    {
        var stdin = Console.OpenStandardInput();
        var eof = Task.Run(async () =>
        {
            var buffer = new byte[64];
            while (await stdin.ReadAsync(buffer) > 0)
            {
                // Nothing is sent on stdin; it is only a lifeline.
            }
        }, CancellationToken.None);
        await Task.WhenAny(eof, Task.Delay(Timeout.Infinite, stopping));
    }

    private async Task ControlAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        switch (request.Path.Value)
        {
            case ControlPath + "/counters" when HttpMethods.IsGet(request.Method):
                // Taking resets: each bench phase sees its own requests only.
                var (requests, notModified, bytes) = server!.TakeCounters();
                await response.WriteAsJsonAsync(new FeedServerCounters(requests, notModified, bytes), JsonSerializerOptions.Web);
                return;
            case ControlPath + "/expect" when HttpMethods.IsGet(request.Method):
                await response.WriteAsJsonAsync(Expectation(), JsonSerializerOptions.Web);
                return;
            case ControlPath + "/publish" when HttpMethods.IsPost(request.Method):
                if (!int.TryParse(request.Query["feed"], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= feeds.All.Count
                    || !DateTimeOffset.TryParse(request.Query["at"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                {
                    response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                await response.WriteAsJsonAsync(Publish(feeds.All[index], at), JsonSerializerOptions.Web);
                return;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    // One publish at a time: the generator's random sequence, and so the new story keys, depend only on
    // the order of the parent's (sequential) publish calls.
    private PublishedItem Publish(SyntheticFeed feed, DateTimeOffset at)
    {
        lock (gate)
        {
            feeds.Publish(feed, at);
            server!.Publish(feed);
            var item = feed.Items[0];
            stories.Add(item.StoryKey);
            rows.Add(feed.Id + "/" + item.Guid);
            return new PublishedItem(item.StoryKey, item.Guid);
        }
    }

    private FeedServerExpectation Expectation()
    {
        lock (gate)
        {
            return new FeedServerExpectation(
                feeds.All.Count, feeds.All.Count(f => f.Atom), feeds.CrossPosts, stories.Count, rows.Count, server!.RawBytes, server.GzipBytes);
        }
    }
}
