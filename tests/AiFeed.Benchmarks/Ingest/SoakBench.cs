using System.Diagnostics;
using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// Soak (docs/performance.md): 50 poll cycles over 100 advancing feeds while reader threads run the
/// API's store queries; memory and file sizes per cycle must stay flat (the log is checkpointed
/// after every run), and the query p99 under load is printed. The feeds are generated and served by a
/// child process (<see cref="FeedServerProcess"/>), so the working set printed is the client side's.
/// </summary>
public static class SoakBench
{
    private const int Readers = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cycles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var ct = CancellationToken.None;
        var feeds = SyntheticFeeds.Catalog(100);
        await using var server = await FeedServerProcess.StartAsync(feeds.Count, seed: 11, ct);
        using var pipeline = new IngestPipeline(feeds, server.BaseAddress, concurrency: 8);
        using var stop = new CancellationTokenSource();
        var latencies = new List<double>();
        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(() => ReadAsync(pipeline, r, latencies, stop.Token), ct)).ToList();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"soak: {cycles} cycles, 100 feeds, 20% gain a post each cycle, {Readers} reader threads (QueryAsync newest/tag/search, CountAsync); no file logging (the host logs to the console); feed server in its own process (pid {server.Id}), not in ws_MB");
        Console.WriteLine("cycle  new  stored  managed_MB  ws_MB  data_MB  log_KB  queries  p99_ms");
        var samples = new List<(long Managed, long Data, long Log, long Stored)>();
        var failures = 0;
        var clock = DateTimeOffset.UnixEpoch.AddDays(20_001);
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            foreach (var feed in feeds.Where(f => (f.Index + cycle) % 5 == 0))
            {
                clock = clock.AddMinutes(1);
                await server.PublishAsync(feed.Index, clock, ct);
            }

            var summary = await pipeline.Poller.PollNowAsync(null, ct);
            failures += summary.FetchErrors + summary.ParseErrors;
            double[] window;
            lock (latencies)
            {
                window = [.. latencies];
                latencies.Clear();
            }

            Array.Sort(window);
            var p99 = window.Length == 0 ? 0 : window[Math.Min(window.Length - 1, (int)Math.Ceiling(window.Length * 0.99) - 1)];
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            self.Refresh();
            samples.Add((managed, pipeline.DataFileBytes, pipeline.LogFileBytes, summary.StoredPosts));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cycle,5}  {summary.NewPosts,3}  {summary.StoredPosts,6}  {managed / 1048576.0,10:F1}  {self.WorkingSet64 / 1048576.0,5:F0}  {pipeline.DataFileBytes / 1048576.0,7:F1}  {pipeline.LogFileBytes / 1024.0,6:F0}  {window.Length,7}  {p99,6:F1}"));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        // Flat: after the first tenth (JIT, caches, the first 2,000 posts), managed memory per stored
        // story grows less than 25 %, the log never outlives a checkpoint, and the data file grows
        // with the posts only. Memory is judged per story, like the data file, because some of it
        // rightly grows with the posts: the in-memory search and story indexes, and LiteDB's page
        // cache, which holds managed 8 MB segments and adds one as the file grows.
        var settled = samples[Math.Max(0, cycles / 10 - 1)];
        var last = samples[^1];
        var memoryPerStorySettled = (double)settled.Managed / settled.Stored;
        var memoryPerStoryLast = (double)last.Managed / last.Stored;
        var memoryFlat = memoryPerStoryLast <= memoryPerStorySettled * 1.25;
        var logFlat = samples.Skip(1).All(s => s.Log <= 1024 * 1024);
        var perPostSettled = (double)settled.Data / settled.Stored;
        var perPostLast = (double)last.Data / last.Stored;
        var dataFlat = perPostLast <= perPostSettled * 1.25;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {(memoryFlat ? "PASS" : "FAIL")}  managed memory per stored story {memoryPerStorySettled / 1024:F1} KB ({settled.Managed / 1048576.0:F1} MB, cycle {Math.Max(1, cycles / 10)}) -> {memoryPerStoryLast / 1024:F1} KB ({last.Managed / 1048576.0:F1} MB, cycle {cycles})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {(logFlat ? "PASS" : "FAIL")}  LiteDB log after every checkpointed cycle <= 1 MB (max {samples.Max(s => s.Log) / 1024.0:F0} KB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {(dataFlat ? "PASS" : "FAIL")}  data file per stored story {perPostSettled / 1024:F1} KB -> {perPostLast / 1024:F1} KB (grows with posts, not with cycles)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {(failures == 0 ? "PASS" : "FAIL")}  failed source refreshes: {failures}"));
        var (serverPeak, serverCpu) = server.Usage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"feed server process (not counted above): peak working set {serverPeak / 1048576.0:F0} MB, CPU {serverCpu.TotalSeconds:F2} s"));
        var pass = memoryFlat && logFlat && dataFlat && failures == 0;
        Console.WriteLine(pass ? "soak: PASS" : "soak: FAIL");
        return pass ? 0 : 1;
    }

    // The API's read paths: newest page, a tag filter, a search, a count; each timed on its own.
    private static async Task ReadAsync(IngestPipeline pipeline, int reader, List<double> latencies, CancellationToken stop)
    {
        string[][] terms = [["model"], ["agents", "safety"], ["kestrel"]];
        var n = reader;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            _ = (n++ % 4) switch
            {
                0 => (object)await pipeline.Posts.QueryAsync(new PostQuery { Limit = 50 }, CancellationToken.None),
                1 => await pipeline.Posts.QueryAsync(new PostQuery { Limit = 50, Tags = ["llm"] }, CancellationToken.None),
                2 => await pipeline.Posts.QueryAsync(new PostQuery { Limit = 50, Terms = terms[n % terms.Length] }, CancellationToken.None),
                _ => await pipeline.Posts.CountAsync(new PostQuery(), CancellationToken.None),
            };
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(ms);
            }
        }
    }
}
