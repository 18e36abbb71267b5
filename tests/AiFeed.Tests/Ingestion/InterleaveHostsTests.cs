using AiFeed.Catalog;
using AiFeed.Ingestion;

namespace AiFeed.Tests.Ingestion;

/// <summary>
/// A run's sources take turns by host, so one host's queue never holds every global slot while it
/// waits on its own per-host gate.
/// </summary>
public sealed class InterleaveHostsTests
{
    [Fact]
    public void InterleaveHosts_SeveralHosts_EachHostsFirstThenEachHostsSecond()
    {
        // Arrange: hosts a, b, c in order of first appearance; host names compare without case;
        // a source without a usable URL is its own host
        var sources = new[]
        {
            Source("a1", "https://a.example/1"),
            Source("a2", "https://A.example/2"),
            Source("b1", "https://b.example/1"),
            Source("a3", "https://a.example/3"),
            Source("c1", "https://c.example/1"),
            Source("b2", "https://b.example/2"),
            Source("x", null),
        };

        // Act
        var ordered = SourcePoller.InterleaveHosts(sources);

        // Assert
        Assert.Equal(["a1", "b1", "c1", "x", "a2", "b2", "a3"], ordered.Select(s => s.Id));
    }

    [Fact]
    public void InterleaveHosts_ManyRandomCatalogs_SameOrderAsStableSortByRankWithinHost()
    {
        // Arrange: the order the poller used to build with LINQ (rank within the host, then a stable
        // sort by rank), as the reference
        var random = new Random(24);
        for (var run = 0; run < 200; run++)
        {
            var sources = Enumerable.Range(0, random.Next(0, 40))
                .Select(i => Source($"s{i}", $"https://h{random.Next(0, 6)}.example/{i}"))
                .ToArray();
            var expected = sources
                .GroupBy(s => new Uri(s.Url!).Host, StringComparer.OrdinalIgnoreCase)
                .SelectMany(g => g.Select((s, rank) => (Source: s, Rank: rank)))
                .OrderBy(x => x.Rank)
                .Select(x => x.Source.Id);

            // Act
            var ordered = SourcePoller.InterleaveHosts(sources);

            // Assert
            Assert.Equal(expected, ordered.Select(s => s.Id));
        }
    }

    private static SourceDefinition Source(string id, string? url) => new() { Id = id, Name = id, Url = url };
}
