using AiFeed.Ingestion.Parsing;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>
/// FeedParser over a generated RSS 2.0 and Atom 1.0 feed (20 items with ~3 KB of HTML each) and a
/// real DeepMind feed from the shared corpus, which is left out when the corpus is absent.
/// Public and unsealed for BenchmarkDotNet.
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private static readonly Uri FeedUrl = new("https://lab.example/feed.xml");
    private readonly FeedParser parser = new();
    private byte[] body = [];

    [ParamsSource(nameof(Documents))]
    public string Document { get; set; } = "rss";

    public static IEnumerable<string> Documents()
    {
        yield return "rss";
        yield return "atom";
        if (MicroFixtures.RealFeedPath() is not null)
        {
            yield return "real-deepmind";
        }
    }

    [GlobalSetup]
    public void Setup() => body = Document switch
    {
        "rss" => MicroFixtures.Rss(),
        "atom" => MicroFixtures.Atom(),
        _ => File.ReadAllBytes(MicroFixtures.RealFeedPath()!),
    };

    [Benchmark(Description = "parse one feed")]
    public int Parse() => parser.Parse(body, FeedUrl).Items.Count;
}
