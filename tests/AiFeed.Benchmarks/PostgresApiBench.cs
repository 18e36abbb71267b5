using System.Diagnostics;
using System.Globalization;
using System.Net;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Model;
using AiFeed.Storage.Postgres;

namespace AiFeed.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/AiFeed.Benchmarks -- pg-api --connection CONNSTRING [--posts N] [--concurrency N] [--seconds S] [--host PATH]</c>:
/// stores N synthetic posts (default 1,000,000) into an empty PostgreSQL database through the
/// PostgreSQL post store (the ingest rate of one node's writes: documents, key columns, tsvector and
/// every index), then serves them from the real host with Storage:Provider=postgres and loads the
/// API's read endpoints (p50/p99 per endpoint, next to the host's baseline endpoint). A database
/// that already holds N posts is reused, so a second run measures the API only.
/// </summary>
public static class PostgresApiBench
{
    private const int Batch = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--connection");
        if (at < 0 || at + 1 >= args.Length)
        {
            await Console.Error.WriteLineAsync("pg-api needs --connection CONNSTRING (an empty database the user owns)");
            return 2;
        }

        var connection = args[at + 1];
        var count = ApiBench.Option(args, "--posts", 1_000_000);
        var concurrency = ApiBench.Option(args, "--concurrency", 16);
        var measure = TimeSpan.FromSeconds(ApiBench.Option(args, "--seconds", 10));
        var warmUp = TimeSpan.FromSeconds(ApiBench.Option(args, "--warmup", 3));
        var dll = ApiBench.HostDll(args, ApiBench.RepositoryRoot());
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"no Release host at {dll}; run this benchmark with -c Release (it builds the host)");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        var work = Path.Combine(Path.GetTempPath(), "aifeed-pg-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var feeds = ApiBenchSeed.WriteCatalog(Path.Combine(work, "feeds.json"));
            await using (var database = new PostgresDatabase(connection))
            {
                await SeedAsync(database, count);
                // The served host takes the seed's tags and stories as decided, as the LiteDB bench does:
                // without these keys it would re-tag and re-cluster every post at start.
                var metadata = new PostgresMetadataStore(database);
                await metadata.SetAsync(Retagger.FingerprintKey, ApiBenchSeed.Tagging(feeds).Tagger.Fingerprint, CancellationToken.None);
                await metadata.SetAsync(StoryUpgrade.RulesKey, StoryUpgrade.RulesVersion, CancellationToken.None);
            }

            var port = ApiBench.FreePort();
            var started = Stopwatch.StartNew();
            using var host = ApiBench.StartHost(dll, work, feeds, port, new Dictionary<string, string>
            {
                ["Storage__Provider"] = "postgres",
                ["Storage__ConnectionString"] = connection,
            });
            try
            {
                using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
                {
                    BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                };
                await ApiBench.WaitReadyAsync(client, host);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/readyz 200 after {started.Elapsed.TotalSeconds:F2} s from process start; {concurrency} concurrent requests, {warmUp.TotalSeconds:F0} s warm-up, {measure.TotalSeconds:F0} s measured per endpoint"));
                Console.WriteLine();
                Console.WriteLine($"{"endpoint",-40} {"bytes",8} {"req/s",8} {"p50 ms",7} {"p99 ms",8} | {"base req/s",10} {"b p99",6} | uncached p50/max ms");
                foreach (var (path, kind, _, _) in ApiBench.Scenarios)
                {
                    var result = await ApiBenchLoad.RunAsync(client, path, concurrency, warmUp, measure, CancellationToken.None);
                    var baseline = await ApiBenchLoad.RunAsync(client, $"/bench/baseline?bytes={Math.Max(1, result.AverageBytes)}&type={kind}", concurrency, warmUp, measure, CancellationToken.None);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{path,-40} {result.AverageBytes,8} {result.PerSecond,8:F0} {result.P50Ms,7:F2} {result.P99Ms,8:F2} | {baseline.PerSecond,10:F0} {baseline.P99Ms,6:F2} | {result.Uncached.MedianMs:F1} / {result.Uncached.MaxMs:F1}{(result.Failures > 0 ? $"  {result.Failures} failed requests" : string.Empty)}"));
                }

                return 0;
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

    // The corpus's posts, their times moved so the newest is now; written in batches, one writer.
    private static async Task SeedAsync(PostgresDatabase database, int count)
    {
        var store = new PostgresPostStore(database);
        var have = await store.CountAsync(new PostQuery { Expand = true }, CancellationToken.None);
        if (have == count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{database.Location} already holds {count:N0} posts: ingest not measured again"));
            return;
        }

        if (have > count)
        {
            throw new InvalidOperationException($"{database.Location} holds {have} posts, more than {count}: give an empty database");
        }

        // A run that stopped part way resumes: batches commit whole and go in id order.
        var from = (int)have;
        if (from > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{database.Location} holds {from:N0} posts: resuming"));
        }

        var shift = DateTime.UtcNow.Date - SyntheticCorpus.Create(count - 1).SortAt.Date;
        var watch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var written = 0;
        foreach (var batch in SyntheticCorpus.Posts(from, count - from).Chunk(Batch))
        {
            foreach (var post in batch)
            {
                post.PublishedAt += shift;
                post.FirstSeenAt += shift;
                post.UpdatedAt += shift;
                post.SortAt += shift;
                post.SortKey = Post.SortKeyOf(post.SortAt, post.Id);
                post.LeadKey = post.SortKey;
            }

            await store.SaveAsync(batch, CancellationToken.None);
            written += batch.Length;
            if (watch.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = watch.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written:N0} posts, {written / watch.Elapsed.TotalSeconds:F0} posts/s"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: {written:N0} posts in {watch.Elapsed.TotalSeconds:F0} s = {written / watch.Elapsed.TotalSeconds:F0} posts/s through PostgresPostStore.SaveAsync (batches of {Batch:N0}, one writer)"));
    }
}
