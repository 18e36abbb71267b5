using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>
/// Clustering a poll's new posts against 100k stored posts: the index lookups the processor makes
/// (story keys, title keys, SimHash bands; then the clusters' members) and the pairwise decisions.
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

    [Benchmark(Description = "cluster one batch against 100k stored (lookups + decisions)")]
    public async Task<int> ClusterBatch()
    {
        var added = batch.Select(Clone).ToList();
        var lookup = new StoryLookup(
            [.. added.SelectMany(p => p.StoryKeys).Distinct(StringComparer.Ordinal)],
            [.. added.Select(p => p.TitleKey).Distinct(StringComparer.Ordinal)],
            [.. added.SelectMany(p => p.TextBands).Distinct(StringComparer.Ordinal)]);
        var candidates = await store.FindStoryCandidatesAsync(lookup, CancellationToken.None);
        var assignment = StoryClusters.Assign(added, candidates);
        var members = await store.GetClustersAsync([.. added.Select(p => p.ClusterId).Distinct(StringComparer.Ordinal)], CancellationToken.None);
        foreach (var cluster in members.Concat(added).GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            StoryClusters.Elect([.. cluster]);
        }

        return assignment.Joined;
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
