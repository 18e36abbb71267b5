using System.Diagnostics;
using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiFeed.Benchmarks;

/// <summary>
/// Re-tagging a store of 100,000 posts after a taxonomy change, as start-up does it (Retagger: batches
/// of 500, only changed posts written). The store is the API benchmark's (tagged under its 11-tag
/// taxonomy); each scenario runs in a fresh process on a fresh copy and reports wall time, CPU time,
/// bytes allocated, posts rewritten and the process's peak resident memory (VmHWM). The baselines,
/// measured in the same run the same way: reading every post in the same batches (what any re-tag
/// pays), and reading and writing every post back unchanged (what a re-tag that rewrites them all
/// pays); each scenario's wall time is printed as a ratio to the first.
/// <c>dotnet run -c Release --project tests/AiFeed.Benchmarks -- retag</c>
/// </summary>
internal static class RetagBench
{
    public const string RunVerb = "retag-run";

    private static readonly (string Name, string Mode, string Taxonomy)[] Scenarios =
    [
        ("baseline: read every post", "read", "same"),
        ("baseline: read and rewrite every post", "rewrite", "same"),
        ("unchanged taxonomy (fingerprint check only)", "retag", "same"),
        ("one tag added to the 11-tag taxonomy", "retag", "plus-one"),
        ("switch to the shipped 13-tag taxonomy", "retag", "shipped"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var work = Path.Combine(Path.GetTempPath(), $"aifeed-retag-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var feeds = ApiBenchSeed.WriteCatalog(Path.Combine(work, "feeds.json"));
            var seeding = Stopwatch.StartNew();
            ApiBenchSeed.Populate(Path.Combine(work, "template"), feeds, DateTime.UtcNow, SyntheticCorpus.Size);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store ready in {seeding.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store before: {new FileInfo(Path.Combine(work, "template", ApiBenchSeed.FileName)).Length / 1048576.0:F0} MB"));
            Console.WriteLine($"{"scenario",-46} {"wall s",7} {"cpu s",7} {"alloc MB",9} {"rewritten",9} {"peak RSS MB",11} {"store MB",9} {"x read",7}");
            double? baseline = null;
            foreach (var (name, mode, taxonomy) in Scenarios)
            {
                var data = Path.Combine(work, mode + "-" + taxonomy);
                Directory.CreateDirectory(data);
                File.Copy(Path.Combine(work, "template", ApiBenchSeed.FileName), Path.Combine(data, ApiBenchSeed.FileName), overwrite: true);
                var catalog = WriteScenarioCatalog(feeds, taxonomy, Path.Combine(work, taxonomy + ".json"));
                var result = await RunChildAsync(mode, data, catalog, args);
                var wall = double.Parse(result.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
                baseline ??= wall;
                var size = new FileInfo(Path.Combine(data, ApiBenchSeed.FileName)).Length / 1048576.0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-46} {result} {size,9:F0} {wall / baseline,7:F2}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The measured part, in its own process: in the store in <paramref name="args"/>[1] under the
    /// catalog <paramref name="args"/>[2], one re-tag (<paramref name="args"/>[0] "retag") or a baseline
    /// pass over every post ("read", "rewrite").
    /// </summary>
    public static async Task<int> RunOnceAsync(string[] args)
    {
        var loaded = CatalogLoader.Load(args[2]);
        var catalog = new ApiBenchSeed.StaticCatalog(loaded.Catalog ?? throw new InvalidOperationException(string.Join('\n', loaded.Errors)), args[2]);
        using var context = new LiteDbContext(args[1], ApiBenchSeed.FileName);
        var store = new LiteDbPostStore(context);
        var retagger = new Retagger(store, new LiteDbMetadataStore(context), new PostTagger(catalog), catalog, NullLogger<Retagger>.Instance);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var rewritten = args[0] switch
        {
            "retag" => await retagger.RunAsync(CancellationToken.None),
            "read" => await PassAsync(store, rewrite: false),
            "rewrite" => await PassAsync(store, rewrite: true),
            _ => throw new ArgumentException($"unknown mode {args[0]}", nameof(args)),
        };
        context.Checkpoint();
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds,7:F1} {used.TotalSeconds,7:F1} {bytes / 1048576.0,9:F0} {rewritten,9} {PeakResidentMegabytes(),11:F0}"));
        return 0;
    }

    // What every re-tag pays: every post read in the Retagger's batches, and with rewrite, written back as it is.
    private static async Task<int> PassAsync(LiteDbPostStore store, bool rewrite)
    {
        var written = 0;
        string? after = null;
        while (await store.ListBatchAsync(after, Retagger.BatchSize, CancellationToken.None) is { Count: > 0 } batch)
        {
            if (rewrite)
            {
                await store.SaveAsync(batch, CancellationToken.None);
                written += batch.Count;
            }

            after = batch[^1].Id;
        }

        return written;
    }

    private static async Task<string> RunChildAsync(string mode, string data, string catalog, string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(RetagBench).Assembly.Location);
        }

        foreach (var arg in (string[])[RunVerb, mode, data, catalog, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"the retag run failed ({child.ExitCode}): {output}");
    }

    // The bench taxonomy as it is, with one tag more, or no taxonomy at all (the shipped one).
    private static string WriteScenarioCatalog(string feeds, string scenario, string path)
    {
        var text = File.ReadAllText(feeds);
        text = scenario switch
        {
            "plus-one" => text.Replace(
                "{\"name\": \"agents\", ",
                "{\"name\": \"quantum\", \"label\": \"Quantum\", \"keywords\": [\"quantum\", \"qubit*\"]},\n      {\"name\": \"agents\", ",
                StringComparison.Ordinal),
            "shipped" => string.Concat(text.AsSpan(0, text.IndexOf("\"taxonomy\"", StringComparison.Ordinal)), text.AsSpan(text.IndexOf("\"feeds\"", StringComparison.Ordinal))),
            _ => text,
        };
        File.WriteAllText(path, text);
        return path;
    }

    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
