using System.Diagnostics;
using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// End-to-end ingest (README "Performance"): 500 synthetic feeds on loopback, polled cold, warm and
/// after an update by AiFeed's real pipeline into a fresh LiteDB, each phase against the bare baseline.
/// </summary>
public static class IngestBench
{
    private const int Concurrency = 8;
    private const long PeakWorkingSetLimit = 200L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var feedCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var ct = CancellationToken.None;
        var feeds = new SyntheticFeeds(feedCount, itemsPerFeed: 20, crossPostShare: 0.03, seed: 9);
        var stories = feeds.All.SelectMany(f => f.Items).Select(i => i.StoryKey).ToHashSet(StringComparer.Ordinal);
        var rows = feeds.All.SelectMany(f => f.Items.Select(i => f.Id + "/" + i.Guid)).ToHashSet(StringComparer.Ordinal);
        await using var server = await FeedServer.StartAsync(feeds, ct);
        var urls = feeds.All.Select(f => new Uri(server.BaseAddress, f.Path)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest bench: {feedCount} feeds x 20 items ({feeds.All.Count(f => f.Atom)} Atom), {feeds.CrossPosts} cross-posts, {stories.Count} unique stories; {server.RawBytes / 1e6:F1} MB raw, {server.GzipBytes / 1e6:F1} MB gzipped; concurrency {Concurrency}; {Environment.ProcessorCount} cores"));

        // The server and the HTTP stack get their JIT and connections before anything is timed.
        using (var warmUp = new BaselinePoller(Concurrency))
        {
            await warmUp.PollAsync(urls, ct);
            server.TakeCounters();
        }

        using var baseline = new BaselinePoller(Concurrency);
        var baseCold = await TimeAsync("baseline cold", server, () => baseline.PollAsync(urls, ct));
        var baseWarm = await TimeAsync("baseline warm", server, () => baseline.PollAsync(urls, ct));

        var results = new List<bool>();
        using var pipeline = new IngestPipeline(feeds.All, server.BaseAddress, Concurrency);
        var cold = await TimeAsync("aifeed cold", server, () => pipeline.Poller.PollNowAsync(null, ct));
        results.Add(await ReportAsync(pipeline, cold, baseCold, stories.Count, rows.Count, maxRatio: 2.0, all304: false, ct));
        var warm = await TimeAsync("aifeed warm", server, () => pipeline.Poller.PollNowAsync(null, ct));
        results.Add(await ReportAsync(pipeline, warm, baseWarm, stories.Count, rows.Count, maxRatio: 1.2, all304: true, ct));

        var now = DateTimeOffset.UnixEpoch.AddDays(20_001);
        foreach (var feed in feeds.All.Where(f => f.Index % 10 == 0))
        {
            feeds.Publish(feed, now);
            server.Publish(feed);
            stories.Add(feed.Items[0].StoryKey);
            rows.Add(feed.Id + "/" + feed.Items[0].Guid);
        }

        var update = await TimeAsync("aifeed update", server, () => pipeline.Poller.PollNowAsync(null, ct));
        var baseUpdate = await TimeAsync("baseline update", server, () => baseline.PollAsync(urls, ct));
        results.Add(await ReportAsync(pipeline, update, baseUpdate, stories.Count, rows.Count, maxRatio: null, all304: false, ct));

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MB; data file {pipeline.DataFileBytes / 1e6:F1} MB, log {pipeline.LogFileBytes / 1e6:F1} MB"));
        var pass = results.All(r => r);
        Console.WriteLine(pass ? "ingest bench: PASS" : "ingest bench: FAIL");
        return pass ? 0 : 1;
    }

    private static async Task<Phase> TimeAsync<T>(string name, FeedServer server, Func<Task<T>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var memory = new MemorySampler();
        server.TakeCounters();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var result = await run();
        var elapsed = Stopwatch.GetElapsedTime(started);
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        var (requests, notModified, bytes) = server.TakeCounters();
        var phase = new Phase(name, elapsed, cpu, requests, notModified, bytes, memory.Peak, result);
        if (name.StartsWith("baseline", StringComparison.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} {elapsed.TotalSeconds,7:F3} s  (CPU {cpu.TotalSeconds:F2} s)  requests {requests} ({notModified} x 304), {bytes / 1e6:F1} MB, peak WS {phase.PeakWorkingSet / 1048576.0:F0} MB"));
        }

        return phase;
    }

    private static async Task<bool> ReportAsync(IngestPipeline pipeline, Phase phase, Phase baseline, int stories, int rows, double? maxRatio, bool all304, CancellationToken ct)
    {
        var counting = Stopwatch.GetTimestamp();
        var stored = await pipeline.Posts.CountAsync(new PostQuery(), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    (counting stories: {Stopwatch.GetElapsedTime(counting).TotalMilliseconds:F0} ms)"));
        var expanded = await pipeline.Posts.CountAsync(new PostQuery { Expand = true }, ct);
        var summary = (Ingestion.PollSummary)phase.Result!;
        var ratio = phase.Elapsed / baseline.Elapsed;
        var checks = new List<(string Name, bool Ok)>
        {
            ("no errors", summary.FetchErrors + summary.ParseErrors == 0),
            (string.Create(CultureInfo.InvariantCulture, $"stories {stored} = unique {stories}"), stored == stories),
            (string.Create(CultureInfo.InvariantCulture, $"posts {expanded} = items {rows}"), expanded == rows),
            (string.Create(CultureInfo.InvariantCulture, $"peak WS {phase.PeakWorkingSet / 1048576.0:F0} MB <= 200"), phase.PeakWorkingSet <= PeakWorkingSetLimit),
        };
        if (maxRatio is { } max)
        {
            checks.Insert(0, (string.Create(CultureInfo.InvariantCulture, $"{ratio:F2}x <= {max:F1}x"), ratio <= max));
        }

        if (all304)
        {
            checks.Add((string.Create(CultureInfo.InvariantCulture, $"304s {phase.NotModified}/{phase.Requests}"), phase.NotModified == phase.Requests && phase.Requests > 0));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase.Name,-16} {phase.Elapsed.TotalSeconds,7:F3} s  (CPU {phase.Cpu.TotalSeconds:F2} s, {phase.Cpu / baseline.Cpu:F1}x)  {ratio:F2}x baseline; requests {phase.Requests} ({phase.NotModified} x 304), {phase.Bytes / 1e6:F1} MB; new stories {summary.NewPosts}, updated {summary.UpdatedPosts}; stored {stored} stories / {expanded} posts; peak WS {phase.PeakWorkingSet / 1048576.0:F0} MB"));
        foreach (var (name, ok) in checks)
        {
            Console.WriteLine($"    {(ok ? "PASS" : "FAIL")}  {name}");
        }

        return checks.All(c => c.Ok);
    }

    private sealed record Phase(string Name, TimeSpan Elapsed, TimeSpan Cpu, long Requests, long NotModified, long Bytes, long PeakWorkingSet, object? Result);
}
