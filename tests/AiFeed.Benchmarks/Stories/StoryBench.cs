using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AiFeed.Benchmarks.Ingest;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Benchmarks.Stories;

/// <summary>
/// Stories against ground truth (docs/performance.md "Stories"): the side-by-side bench's
/// feedserver.py (../shared/bench, default 500 feeds, 3 % cross-posts) polled cold by AiFeed's real
/// pipeline at each concurrency asked for, scored against /__manifest?detail=1 as StoryBenchTests
/// scores 100 feeds. Exits 1 when precision or recall is below 0.99 or the partitions differ.
/// </summary>
public static class StoryBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var feedCount = Option(args, "--feeds") is { } f ? int.Parse(f, CultureInfo.InvariantCulture) : 500;
        var crosspost = Option(args, "--crosspost") is { } c ? double.Parse(c, CultureInfo.InvariantCulture) : 0.03;
        var concurrencies = (Option(args, "--concurrency") ?? "1,16").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList();
        var seed = Option(args, "--seed");
        var python = BenchFeedServer.FindPython();
        var script = BenchFeedServer.ScriptPath(RepositoryRoot());
        if (python is null || !File.Exists(script))
        {
            await Console.Error.WriteLineAsync(python is null ? "stories: python3 is not on PATH" : $"stories: no bench feed server at {script}");
            return 2;
        }

        var ct = CancellationToken.None;
        var folder = Directory.CreateTempSubdirectory("aifeed-story-bench-").FullName;
        await using var server = await BenchFeedServer.StartAsync(python, script, feedCount, crosspost, folder, ct, seed);
        var feeds = await server.FeedsAsync(ct);
        var manifest = await server.ManifestAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stories bench: feedserver.py --feeds {feedCount} --crosspost {crosspost}{(seed is null ? "" : " --seed " + seed)}: {manifest.Count} items, {manifest.Select(m => m.Canonical).Distinct(StringComparer.Ordinal).Count()} distinct posts; {Environment.ProcessorCount} cores"));
        var scores = new List<StoryScore>();
        foreach (var concurrency in concurrencies)
        {
            using var pipeline = new IngestPipeline(Catalog(feeds, concurrency), concurrency);
            var clock = Stopwatch.StartNew();
            var summary = await pipeline.Poller.PollNowAsync(null, ct);
            var elapsed = clock.Elapsed;
            var posts = new List<Post>();
            for (string? after = null; ;)
            {
                var batch = await pipeline.Posts.ListBatchAsync(after, 2_000, ct);
                if (batch.Count == 0)
                {
                    break;
                }

                posts.AddRange(batch);
                after = batch[^1].Id;
            }

            var score = StoryScore.Of(manifest, posts);
            scores.Add(score);
            if (args.Contains("--mistakes"))
            {
                PrintMistakes(manifest, posts);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"maxConcurrency {concurrency,2}: {score}; B-cubed precision {BCubed(manifest, posts):P2}; cold poll {elapsed.TotalSeconds:F1} s ({summary.Ok}/{summary.Sources} sources ok)"));
        }

        var same = scores.All(s => s.Partition.SequenceEqual(scores[0].Partition, StringComparer.Ordinal));
        Console.WriteLine($"same partition at every concurrency: {(same ? "yes" : "no")}");
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return same && scores.All(s => s.Precision >= 0.99 && s.Recall >= 0.99) ? 0 : 1;
    }

    // Stories holding more than one post, with what each member says.
    private static void PrintMistakes(List<(string FeedId, string Link, string Canonical)> manifest, List<Post> posts)
    {
        var canonical = manifest.Where(m => Ingestion.Processing.UrlCanonicalizer.Canonicalize(m.Link) is not null)
            .GroupBy(m => (m.FeedId, Ingestion.Processing.UrlCanonicalizer.Canonicalize(m.Link)!))
            .ToDictionary(g => g.Key, g => g.First().Canonical);
        foreach (var story in posts.GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            var truths = story.Select(p => canonical.GetValueOrDefault((p.SourceId, p.Url ?? ""), "?")).Distinct(StringComparer.Ordinal).ToList();
            if (truths.Count > 1)
            {
                Console.WriteLine($"  false story {story.Key}:");
                foreach (var p in story)
                {
                    Console.WriteLine($"    {p.SourceId} {p.SortAt:yyyy-MM-dd HH:mm} {p.Url} \"{p.Title}\" [{p.Summary}] repeated={p.TextRepeated} links={string.Join(',', p.Links)}");
                }
            }
        }
    }

    // B-cubed precision: per item, the share of its story that is its post (the issue's 64 % before).
    private static double BCubed(List<(string FeedId, string Link, string Canonical)> manifest, List<Post> posts)
    {
        var storyOf = posts.Where(p => p.Url is not null).GroupBy(p => (p.SourceId, p.Url!)).ToDictionary(g => g.Key, g => g.First().ClusterId);
        var items = manifest.Select(m => (Story: Ingestion.Processing.UrlCanonicalizer.Canonicalize(m.Link) is { } url && storyOf.TryGetValue((m.FeedId, url), out var s) ? s : "missing:" + m.Link, m.Canonical)).ToList();
        var byStory = items.GroupBy(i => i.Story, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return items.Average(i => byStory[i.Story].Count(o => o.Canonical == i.Canonical) / (double)byStory[i.Story].Count);
    }

    private static string Catalog(List<(string Id, string Name, string Url)> feeds, int concurrency) => new JsonObject
    {
        ["defaults"] = new JsonObject
        {
            ["pollInterval"] = "00:30:00",
            ["requestTimeout"] = "00:01:00",
            ["maxConcurrency"] = concurrency,
            // Every bench feed is on one loopback host; the bench's wrappers do the same.
            ["maxConcurrencyPerHost"] = concurrency,
        },
        ["feeds"] = new JsonArray([.. feeds.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["name"] = f.Name, ["url"] = f.Url })]),
    }.ToJsonString();

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFeed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AiFeed.slnx not found above {AppContext.BaseDirectory}");
    }
}
