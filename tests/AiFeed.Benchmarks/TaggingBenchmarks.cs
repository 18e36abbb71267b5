using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Model;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>Tagging with the shipped taxonomy (feeds.json at the repository root). Public and unsealed for BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class TaggingBenchmarks
{
    private Tagger tagger = null!;
    private List<Post> posts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "AiFeed.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from inside the repository");
        }

        var catalog = CatalogLoader.Load(Path.Combine(root, "feeds.json"));
        tagger = new Tagger(catalog.Catalog?.Taxonomy ?? throw new InvalidOperationException(string.Join('\n', catalog.Errors)));
        posts = [.. SyntheticCorpus.Posts(0, SyntheticCorpus.Size)];
    }

    [Benchmark(Description = "tag one post (mean over 100k: title + summary + categories)", OperationsPerInvoke = SyntheticCorpus.Size)]
    public int TagAll()
    {
        var total = 0;
        foreach (var post in posts)
        {
            total += tagger.Tag(new TagInput(post.Title, post.Summary, post.Categories, "Source"), []).Count;
        }

        return total;
    }
}
