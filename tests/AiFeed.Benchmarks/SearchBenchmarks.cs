using AiFeed.Ingestion.Processing;
using AiFeed.Model;
using AiFeed.Storage;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>q= search on 100k stored posts, first page of 50. Public and unsealed for BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private LiteDbContext context = null!;
    private LiteDbPostStore store = null!;

    [Params("kalomi", "orvi", "safety benchmark", "cafe robot", "model")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        context = SyntheticCorpus.OpenStore();
        store = new LiteDbPostStore(context);
    }

    [GlobalCleanup]
    public void Cleanup() => context.Dispose();

    [Benchmark(Description = "search, first page")]
    public async Task<int> Search() =>
        (await store.QueryAsync(new PostQuery { Terms = SearchTerms.Normalize(Query), Limit = 50 }, CancellationToken.None)).Items.Count;

    [Benchmark(Description = "newest 50 stories (no search)")]
    public async Task<int> Latest() =>
        (await store.QueryAsync(new PostQuery { Limit = 50 }, CancellationToken.None)).Items.Count;
}
