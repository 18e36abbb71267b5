using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>
/// Clustering a poll's new posts against 100k stored posts: the index lookups the processor makes
/// (exact keys and links, title keys, SimHash bands; then the stories' members) and the decisions.
/// BenchmarkDotNet needs public, unsealed benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class ClusteringBenchmarks
{
    private LiteDbContext context = null!;
    private LiteDbPostStore store = null!;
    private List<Post> batch = null!;
    private List<Post> signatureInput = null!;

    /// <summary>New posts per poll of one source.</summary>
    [Params(50)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        context = SyntheticCorpus.OpenStore();
        store = new LiteDbPostStore(context);
        // Posts beyond the stored corpus; one in ten re-posts a stored story.
        batch = [.. SyntheticCorpus.Posts(SyntheticCorpus.Size, BatchSize)];
        signatureInput = [.. SyntheticCorpus.Posts(0, 1_000)];
    }

    [GlobalCleanup]
    public void Cleanup() => context.Dispose();

    [Benchmark(Description = "decide the stories of one batch against 100k stored (lookups + decisions)")]
    public async Task<int> ClusterBatch()
    {
        var added = batch.Select(Clone).ToList();
        var plan = await new StoryResolver(store).ResolveAsync(added, added.Select(p => p.Id).ToHashSet(StringComparer.Ordinal), CancellationToken.None);
        foreach (var story in plan.Stories)
        {
            StoryClusters.Elect(story.Members);
        }

        return plan.Stories.Count(s => s.KeptId);
    }

    [Benchmark(Description = "signature (story keys, title key, SimHash) of 1,000 posts")]
    public long Signatures()
    {
        long sum = 0;
        foreach (var post in signatureInput)
        {
            StorySignature.Apply(post);
            sum += post.TextHash;
        }

        return sum;
    }

    private static Post Clone(Post p)
    {
        var copy = SyntheticCorpus.Create(int.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture));
        copy.ClusterId = copy.Id;
        return copy;
    }
}
