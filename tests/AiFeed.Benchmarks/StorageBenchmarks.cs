using AiFeed.Model;
using AiFeed.Storage;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>
/// LiteDB upserts as a poll writes them: a batch of 20 posts per feed into a temporary store that
/// already holds 5,000 posts (so the indexes have depth). Batches are built beforehand so only the
/// write is timed; they are new posts until the pool of 60,000 runs out, then rewrites of stored
/// ones. Public and unsealed for BenchmarkDotNet.
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private const int Preloaded = 5_000;
    private const int BatchSize = 20;

    private string directory = string.Empty;
    private LiteDbContext context = null!;
    private LiteDbPostStore store = null!;
    private const int Pool = 60_000;

    private Post[][] batches = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "aifeed-upsert-bench-" + Guid.NewGuid().ToString("N")[..8]);
        context = new LiteDbContext(directory, "bench.db");
        store = new LiteDbPostStore(context);
        foreach (var batch in SyntheticCorpus.Posts(0, Preloaded).Chunk(1_000))
        {
            store.SaveAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        }

        context.Checkpoint();
        batches = SyntheticCorpus.Posts(Preloaded, Pool).Chunk(BatchSize).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        context.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Description = "upsert a batch of 20 new posts")]
    public Task UpsertBatch() => store.SaveAsync(batches[next++ % batches.Length], CancellationToken.None);
}
