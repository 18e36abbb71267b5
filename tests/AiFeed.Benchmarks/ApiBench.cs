using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AiFeed.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/AiFeed.Benchmarks -- api [--posts N] [--concurrency N] [--seconds S] [--warmup S] [--host PATH] [--only TEXT] [--host-env NAME=VALUE]...</c>:
/// serves 100,000 (or N) stored posts from the real host (a child process, built in Release with this
/// project, or the aifeed.dll at PATH: another branch's build, for a before/after on the same store)
/// and loads each public read endpoint from a loopback client, next to the host's baseline endpoint
/// answering a precomputed body of the same size. <c>--only TEXT</c>: only the endpoints whose path holds TEXT.
/// <c>--host-env NAME=VALUE</c> (repeatable): an environment variable for the host alone (a runtime
/// setting such as <c>DOTNET_GCConserveMemory=0</c>, for an A/B that leaves the load generator as it is).
/// </summary>
public static class ApiBench
{
    public const double MaxP99Ms = 10;

    // Issue 17's targets with the output cache missed on every request, under the same load:
    // newest page p99 <= 10 ms, search p99 <= 20 ms (null: no uncached target).
    internal static readonly (string Path, string Kind, double Share, double? UncachedP99Ms)[] Scenarios =
    [
        ("/api/posts?limit=50", "json", 0.5, 10),
        ("/api/posts?tag=robotics&limit=50", "json", 0.5, null),
        ("/api/posts?q=diffusion&limit=50", "json", 0.5, 20),
        ("/api/posts?q=reinforcement+lear&limit=50", "json", 0.5, 20),
        ("/api/posts?q=kalomi&limit=50", "json", 0.5, 20),
        ("/api/posts?q=difusion&limit=50", "json", 0.5, 20),
        ("/api/top", "json", 0.5, null),
        ("/feed.xml", "rss", 0.8, null),
    ];

    /// <summary>The host to serve: <c>--host PATH</c> (another build, for a before/after on the same store) or this repository's Release build.</summary>
    internal static string HostDll(string[] args, string root)
    {
        var at = Array.IndexOf(args, "--host");
        return at >= 0 && at + 1 < args.Length
            ? Path.GetFullPath(args[at + 1])
            : Path.Combine(root, "src", "AiFeed", "bin", "Release", "net10.0", "aifeed.dll");
    }

    // Every "--host-env NAME=VALUE" pair.
    private static Dictionary<string, string> HostEnvironment(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--host-env" && args[i + 1].Split('=', 2) is [{ Length: > 0 } name, var value])
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var concurrency = Option(args, "--concurrency", 16);
        var measure = TimeSpan.FromSeconds(Option(args, "--seconds", 10));
        var warmUp = TimeSpan.FromSeconds(Option(args, "--warmup", 3));
        var size = Option(args, "--posts", SyntheticCorpus.Size);
        var root = RepositoryRoot();
        var dll = HostDll(args, root);
        var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
        var scenarios = Scenarios.Where(s => only is null || s.Path.Contains(only, StringComparison.Ordinal)).ToArray();
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"no Release host at {dll}; run this benchmark with -c Release (it builds the host)");
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), "aifeed-api-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var feeds = ApiBenchSeed.WriteCatalog(Path.Combine(work, "feeds.json"));
            var seeding = Stopwatch.StartNew();
            ApiBenchSeed.Populate(Path.Combine(work, "data"), feeds, DateTime.UtcNow, size);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"data folder ready in {seeding.Elapsed.TotalSeconds:F1} s ({new FileInfo(Path.Combine(work, "data", ApiBenchSeed.FileName)).Length / 1048576.0:F0} MB)"));

            var port = FreePort();
            var started = Stopwatch.StartNew();
            using var host = StartHost(dll, work, feeds, port, HostEnvironment(args));
            try
            {
                using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
                {
                    BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                };
                await WaitReadyAsync(client, host);
                var ready = started.Elapsed;
                var heap = await HeapBytesAsync(client);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/readyz 200 after {ready.TotalSeconds:F2} s from process start; managed heap after start {heap / 1048576.0:F1} MB (after a full GC)"));
                Console.WriteLine($"host: {dll}{string.Concat(HostEnvironment(args).Select(e => $" {e.Key}={e.Value}"))}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host up on port {port}; {concurrency} concurrent requests, {warmUp.TotalSeconds:F0} s warm-up, {measure.TotalSeconds:F0} s measured per endpoint"));
                Console.WriteLine();
                Console.WriteLine($"{"endpoint",-36} {"bytes",8} {"req/s",8} {"p50 ms",7} {"p99 ms",7} | {"base req/s",10} {"b p50",6} {"b p99",6} | {"ratio",6}  p99<=10ms  throughput  | uncached p50/max ms | uncached x{concurrency} req/s p50 p99 ms target");
                // Tiered JIT in the host: every endpoint runs hot before the first one is measured.
                foreach (var (path, kind, _, _) in scenarios)
                {
                    await ApiBenchLoad.RunAsync(client, path, concurrency, warmUp, TimeSpan.FromSeconds(1), CancellationToken.None);
                    await ApiBenchLoad.RunAsync(client, $"/bench/baseline?bytes=40000&type={kind}", concurrency, warmUp, TimeSpan.FromSeconds(1), CancellationToken.None);
                }

                var failed = false;
                foreach (var (path, kind, share, uncachedTarget) in scenarios)
                {
                    var result = await ApiBenchLoad.RunAsync(client, path, concurrency, warmUp, measure, CancellationToken.None);
                    var uncached = await ApiBenchLoad.RunAsync(client, path, concurrency, warmUp, measure, CancellationToken.None, missCache: true);
                    var uncachedOk = uncachedTarget is not { } target || (uncached.P99Ms <= target && uncached.Failures == 0);
                    failed |= !uncachedOk;
                    var baseline = await ApiBenchLoad.RunAsync(client, $"/bench/baseline?bytes={Math.Max(1, result.AverageBytes)}&type={kind}", concurrency, warmUp, measure, CancellationToken.None);
                    var ratio = result.PerSecond / baseline.PerSecond;
                    var latencyOk = result.P99Ms <= MaxP99Ms && result.Failures == 0;
                    var throughputOk = ratio >= share;
                    failed |= !latencyOk || !throughputOk;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{path,-36} {result.AverageBytes,8} {result.PerSecond,8:F0} {result.P50Ms,7:F2} {result.P99Ms,7:F2} | {baseline.PerSecond,10:F0} {baseline.P50Ms,6:F2} {baseline.P99Ms,6:F2} | {ratio,5:P0}  {(latencyOk ? "PASS" : "FAIL"),-9}  {(throughputOk ? "PASS" : "FAIL")} (≥{share:P0})  | {result.Uncached.MedianMs,6:F1} / {result.Uncached.MaxMs,6:F1} | {uncached.PerSecond,6:F0} {uncached.P50Ms,6:F2} {uncached.P99Ms,7:F2} {(uncachedTarget is { } t ? $"{(uncachedOk ? "PASS" : "FAIL")} (≤{t:F0})" : "-")}{(result.Failures + uncached.Failures > 0 ? $"  {result.Failures + uncached.Failures} failed requests" : string.Empty)}"));
                }

                return failed ? 1 : 0;
            }
            finally
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static Process StartHost(string dll, string work, string feeds, int port, IReadOnlyDictionary<string, string>? environment = null, Action<string>? output = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "serve", "--data", Path.Combine(work, "data"), "--feeds", feeds, "--urls", $"http://127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Polling__Enabled"] = "false";
        // The most the options allow (a million a second): the limiter still runs, it never rejects.
        info.Environment["RateLimiting__PermitLimit"] = "1000000";
        info.Environment["RateLimiting__Window"] = "00:00:01";
        info.Environment["Benchmark__BaselineEndpoint"] = "true";
        // Request logging would measure the console, not the endpoints.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("host: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitReadyAsync(HttpClient client, Process host)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the host exited with {host.ExitCode} before it was ready");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the host was not ready within 3 minutes");
    }

    private static async Task<long> HeapBytesAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/bench/heap", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("bytes").GetInt64();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFeed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the repository (AiFeed.slnx not found above " + AppContext.BaseDirectory + ")");
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
