using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Jobs;

/// <summary>
/// Two aifeed processes on one PostgreSQL database and 100 loopback feeds: the clustered schedule
/// fetches every feed once per cycle whichever node runs it, both nodes answer the same, and once
/// one node is SIGKILLed the other polls the next cycle alone and serves every post
/// (docs/operations.md#cluster).
/// </summary>
public sealed partial class ClusterPollingTests : LoopbackTests
{
    private const int Feeds = 100;

    // Each source every 30 s: a cycle of 100 loopback feeds ends long before the next begins, even
    // on a busy machine (at 8 s, a slow first cycle ran into the second). The dispatcher looks every
    // second; a node checks in every 2 s.
    private static readonly string[] Schedule = ["--poll-interval", "00:00:30", "--Polling:DispatchInterval=00:00:01", "--Polling:ClusterCheckinInterval=00:00:02"];

    private readonly ConcurrentDictionary<int, int> fetches = new();

    [Fact]
    public async Task TwoNodes_HundredFeeds_EachFeedOncePerCycleAndTheSurvivorTakesOver()
    {
        // Arrange: the n-th fetch of a feed serves n posts, so every cycle stores 100 new ones.
        var ct = TestContext.Current.CancellationToken;
        TestPostgres.EnsureConfigured();
        await using var database = new TestPostgres();
        await database.InitializeAsync();
        var sources = new List<object>();
        for (var f = 0; f < Feeds; f++)
        {
            var feed = f;
            Server.Map($"/f{feed}.xml", context => ServeAsync(context, feed));
            sources.Add(CatalogFile.Source($"f{feed}", Server.Url($"/f{feed}.xml")));
        }

        var catalog = CatalogFile.Write(Folder.File("feeds.json"), sources);
        using var http = new HttpClient();
        // Bounds, not assertions: each wait ends when its condition holds, or fails the test when this token fires.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(3));

        // Act: two nodes, two cycles.
        await using var a = await Node.StartAsync("a", Folder.File("a"), catalog, database.ConnectionString, bound.Token);
        await using var b = await Node.StartAsync("b", Folder.File("b"), catalog, database.ConnectionString, bound.Token);
        Node[] nodes = [a, b];
        var polled = new Dictionary<Node, int> { [a] = 0, [b] = 0 };
        var lastCycle = polled;
        for (var cycle = 1; cycle <= 2; cycle++)
        {
            await CycleAsync(cycle, bound.Token);
            var before = polled;
            polled = await Node.WaitForPollRunsAsync(nodes, Feeds * cycle, bound.Token);
            lastCycle = nodes.ToDictionary(n => n, n => polled[n] - before[n]);
            TestContext.Current.TestOutputHelper?.WriteLine($"cycle {cycle}: {string.Join(", ", nodes.Select(n => $"node {n.Name} polled {lastCycle[n]}"))}");

            // Assert: both nodes answer from the one store.
            Assert.Equal(Feeds * cycle, await Node.WaitForCountAsync(http, a, Feeds * cycle, bound.Token));
            Assert.Equal(Feeds * cycle, await Node.WaitForCountAsync(http, b, Feeds * cycle, bound.Token));
        }

        // The node that polled the last cycle is killed, so the schedule must pass to the other.
        var dead = lastCycle[a] >= lastCycle[b] ? a : b;
        var survivor = dead == a ? b : a;
        var survivorBefore = polled[survivor];
        dead.Kill();

        // Act: the survivor alone.
        await CycleAsync(3, bound.Token);

        // Assert: it polled every feed once more and serves every post, those the dead node stored included.
        polled = await Node.WaitForPollRunsAsync([survivor], survivorBefore + Feeds, bound.Token);
        Assert.Equal(survivorBefore + Feeds, polled[survivor]);
        Assert.Equal(Feeds * 3, await Node.WaitForCountAsync(http, survivor, Feeds * 3, bound.Token));
        var served = await survivor.AllPostUrlsAsync(http, bound.Token);
        var expected = Enumerable.Range(0, Feeds).SelectMany(f => Items($"clusterfeed{f}", 3, Newest).Select(i => i.Link)).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(expected.Except(served, StringComparer.Ordinal));
        Assert.Equal(expected.Count, served.Count);
        Assert.True(dead.Exited, "the killed node still runs");
        TestContext.Current.TestOutputHelper?.WriteLine($"cycle 3: node {dead.Name} killed, node {survivor.Name} polled {Feeds} and serves {served.Count} posts");
    }

    /// <summary>Waits until every feed was fetched <paramref name="cycle"/> times, then checks none was fetched more.</summary>
    private async Task CycleAsync(int cycle, CancellationToken cancellationToken)
    {
        while (Enumerable.Range(0, Feeds).Any(f => fetches.GetValueOrDefault(f) < cycle))
        {
            await Task.Delay(50, cancellationToken);
        }

        // Sources are due again 30 s after this cycle's fetch: a second fetch now is a duplicate.
        var counts = Enumerable.Range(0, Feeds).Select(f => fetches.GetValueOrDefault(f)).ToList();
        Assert.All(counts, c => Assert.Equal(cycle, c));
        TestContext.Current.TestOutputHelper?.WriteLine($"cycle {cycle}: {Feeds} feeds fetched once each");
    }

    private async Task ServeAsync(HttpContext context, int feed)
    {
        var n = fetches.AddOrUpdate(feed, 1, (_, c) => c + 1);
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        await context.Response.WriteAsync(Rss($"Cluster feed {feed}", Items($"clusterfeed{feed}", n, Newest)), context.RequestAborted);
    }

    /// <summary>One aifeed serve process on the shared database, with its own port and data folder.</summary>
    private sealed partial class Node : IAsyncDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> output = new();
        private readonly TaskCompletionSource<Uri> serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Node(string name, Process process)
        {
            Name = name;
            this.process = process;
            _ = DrainAsync(process.StandardOutput, serving);
            _ = DrainAsync(process.StandardError, null);
        }

        public string Name { get; }

        public Uri BaseUri { get; private set; } = null!;

        public bool Exited => process.HasExited;

        public static async Task<Node> StartAsync(string name, string data, string catalog, string connectionString, CancellationToken cancellationToken)
        {
            string[] args = ["--feeds", catalog, "--data", data, "--urls", "http://127.0.0.1:0", "--Storage:Provider=postgres", $"--Storage:ConnectionString={connectionString}", .. Schedule];
            var node = new Node(name, AiFeedProcess.Start(Path.GetDirectoryName(catalog)!, args));
            try
            {
                node.BaseUri = await node.serving.Task.WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
            {
                Assert.Fail($"the node did not start serving: {ex.Message}\n{node.Output}");
            }

            return node;
        }

        public string Output => string.Join('\n', output);

        /// <summary>SIGKILL: no shutdown, no check-out from the cluster.</summary>
        public void Kill() => process.Kill(entireProcessTree: true);

        /// <summary>
        /// Waits until the nodes' logs ("Poll run: N sources, …", written as a run ends) add up to
        /// <paramref name="sources"/> refreshes; returns each node's sum.
        /// </summary>
        public static async Task<Dictionary<Node, int>> WaitForPollRunsAsync(IReadOnlyList<Node> nodes, int sources, CancellationToken cancellationToken)
        {
            Dictionary<Node, int> sums;
            while ((sums = nodes.ToDictionary(n => n, n => n.PolledSources())).Values.Sum() < sources)
            {
                await Task.Delay(50, cancellationToken);
            }

            return sums;
        }

        private int PolledSources() => output
            .Select(line => PollRun().Match(line))
            .Where(m => m.Success)
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

        /// <summary>Polls the node's post count (stories expanded) until it reaches <paramref name="expected"/>; returns it (more is a failure of the caller's assertion).</summary>
        public static async Task<long> WaitForCountAsync(HttpClient http, Node node, long expected, CancellationToken cancellationToken)
        {
            long count;
            while ((count = (await http.GetFromJsonAsync<JsonElement>(new Uri(node.BaseUri, "/api/posts/count?expand=true"), cancellationToken)).GetProperty("count").GetInt64()) < expected)
            {
                await Task.Delay(200, cancellationToken);
            }

            return count;
        }

        public async Task<HashSet<string>> AllPostUrlsAsync(HttpClient http, CancellationToken cancellationToken)
        {
            var urls = new HashSet<string>(StringComparer.Ordinal);
            string? cursor = null;
            do
            {
                var page = await http.GetFromJsonAsync<JsonElement>(new Uri(BaseUri, $"/api/posts?expand=true&limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"), cancellationToken);
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    urls.Add(item.GetProperty("url").GetString()!);
                }

                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            return urls;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            // Passed tests do not show it; a failure's output ends with what each node logged.
            TestContext.Current.TestOutputHelper?.WriteLine($"--- node {Name} ---\n{Output}");
            process.Dispose();
        }

        [GeneratedRegex(@"^\s*Poll run: (\d+) sources,")]
        private static partial Regex PollRun();

        private async Task DrainAsync(StreamReader reader, TaskCompletionSource<Uri>? started)
        {
            const string Serving = "AiFeed is serving ";
            while (await reader.ReadLineAsync() is { } line)
            {
                output.Enqueue(line);
                var text = line.Trim();
                if (started is not null && text.StartsWith(Serving, StringComparison.Ordinal))
                {
                    started.TrySetResult(new Uri(text[Serving.Length..].Split(' ')[0]));
                }
            }

            started?.TrySetException(new InvalidOperationException("the process exited"));
        }
    }
}
