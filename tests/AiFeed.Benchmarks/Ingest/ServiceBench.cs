using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// The service's first poll after a start against its steady-state cold poll, in one process
/// (docs/performance.md, issue 24): the published service (<c>--host</c>, a <c>dotnet publish</c>
/// output, ReadyToRun) starts over N synthetic feeds and polls them; after a settle, N fresh feeds
/// are added to its feeds.json, which it reloads and polls at once. Both are cold polls of N feeds
/// (every item new) by the same process: the first pays the start (JIT, first connections, the
/// store and index opening), the second is what the warmed-up service pays.
/// </summary>
public static partial class ServiceBench
{
    private const int Concurrency = 8;
    private const int Seed = 9;
    private const double MaxRatio = 2.0;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--host");
        if (at < 0 || at + 1 >= args.Length || !File.Exists(args[at + 1]))
        {
            await Console.Error.WriteLineAsync("usage: service --host PUBLISHED/aifeed.dll [FEEDS]  (dotnet publish src/AiFeed -c Release -o /tmp/aifeed-pub)");
            return 2;
        }

        var dll = Path.GetFullPath(args[at + 1]);
        var rest = args.Where((_, i) => i != at && i != at + 1).ToList();
        var feedCount = rest.Count > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 500;
        var ct = CancellationToken.None;
        var feeds = SyntheticFeeds.Catalog(2 * feedCount);
        await using var server = await FeedServerProcess.StartAsync(2 * feedCount, Seed, ct);
        var work = Directory.CreateTempSubdirectory("aifeed-service-bench-").FullName;
        var catalog = Path.Combine(work, "feeds.json");
        await WriteCatalogAsync(catalog, IngestPipeline.CatalogJson(feeds.Take(feedCount), server.BaseAddress, Concurrency));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service bench: {dll}; {feedCount} feeds x 20 items, then {feedCount} fresh ones added to feeds.json; concurrency {Concurrency}; {Environment.ProcessorCount} cores; load average {LoadAverage()}"));

        var runs = Channel.CreateUnbounded<PollRun>();
        var started = Stopwatch.StartNew();
        using var host = ApiBench.StartHost(dll, work, catalog, ApiBench.FreePort(), new Dictionary<string, string>
        {
            ["Polling__Enabled"] = "true",
            ["Polling__DispatchInterval"] = "00:00:01",
            ["Fetch__AllowedNetworks__0"] = "127.0.0.0/8",
            ["Logging__LogLevel__AiFeed.Ingestion.SourcePoller"] = "Information",
        }, line =>
        {
            if (PollRunLine().Match(line) is { Success: true } match)
            {
                runs.Writer.TryWrite(new PollRun(
                    int.Parse(match.Groups["sources"].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups["errors"].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups["new"].Value, CultureInfo.InvariantCulture),
                    double.Parse(match.Groups["elapsed"].Value, CultureInfo.InvariantCulture)));
            }
        });
        try
        {
            var first = await NextRunAsync(runs.Reader, host, ct);
            var sinceStart = started.Elapsed;
            var firstCpu = Cpu(host);
            Report("first poll after the start", first, firstCpu, $"; {sinceStart.TotalSeconds:F2} s and CPU {firstCpu.TotalSeconds:F2} s from the process start, start-up included");

            // The service idles as it would between polls: the tiered JIT's backlog is done before the steady poll.
            await Task.Delay(Settle, ct);
            var before = Cpu(host);
            await WriteCatalogAsync(catalog, IngestPipeline.CatalogJson(feeds, server.BaseAddress, Concurrency));
            var steady = await NextRunAsync(runs.Reader, host, ct);
            var steadyCpu = Cpu(host) - before;
            Report("steady cold poll (fresh feeds)", steady, steadyCpu, " (the reload included)");

            var ratio = first.ElapsedSeconds / steady.ElapsedSeconds;
            var cpuRatio = firstCpu / steadyCpu;
            var pass = ratio <= MaxRatio && first.Errors + steady.Errors == 0;
            host.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"first / steady: {ratio:F2}x wall ({first.ElapsedSeconds:F2} / {steady.ElapsedSeconds:F2} s), {cpuRatio:F2}x CPU with the first's start-up ({firstCpu.TotalSeconds:F2} / {steadyCpu.TotalSeconds:F2} s); peak working set {host.PeakWorkingSet64 / 1048576.0:F0} MB; load average {LoadAverage()}"));
            Console.WriteLine($"    {(pass ? "PASS" : "FAIL")}  first poll {ratio:F2}x <= {MaxRatio}x the steady cold poll, no errors");
            return pass ? 0 : 1;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(ct);
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Report(string what, PollRun run, TimeSpan cpu, string note) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-32} {run.ElapsedSeconds,7:F2} s  {run.Sources} sources, {run.NewPosts} new posts, {run.Errors} errors; CPU {cpu.TotalSeconds:F2} s{note}"));

    private static async Task<PollRun> NextRunAsync(ChannelReader<PollRun> runs, Process host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PollTimeout);
        while (true)
        {
            try
            {
                var run = await runs.ReadAsync(timeout.Token);
                // A dispatch that found something due: a run of the catalog's feeds, not a retry of a few.
                if (run.Sources > 1)
                {
                    return run;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(host.HasExited ? $"the service exited with {host.ExitCode}" : $"no poll run within {PollTimeout}");
            }
        }
    }

    private static TimeSpan Cpu(Process host)
    {
        host.Refresh();
        return host.TotalProcessorTime;
    }

    // Written whole and moved into place, so the service's watcher never reads half a file.
    private static async Task WriteCatalogAsync(string path, string json)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, json);
        File.Move(temporary, path, overwrite: true);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record PollRun(int Sources, int Errors, int NewPosts, double ElapsedSeconds);

    // SourcePoller's "Poll run" line (event 301).
    [GeneratedRegex(@"Poll run: (?<sources>\d+) sources, \d+ ok, \d+ not modified, (?<errors>\d+) errors, (?<new>\d+) new posts in (?<elapsed>[\d.]+) s")]
    private static partial Regex PollRunLine();
}
