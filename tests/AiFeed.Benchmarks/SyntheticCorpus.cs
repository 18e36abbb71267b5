using System.Globalization;
using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Benchmarks;

/// <summary>
/// 100,000 synthetic posts from 30 sources over a year, one in ten a re-post of an earlier story
/// (same title elsewhere, or the same summary under a new headline), built deterministically and
/// stored once in a LiteDB file that every benchmark process reuses.
/// </summary>
public static class SyntheticCorpus
{
    public const int Size = 100_000;

    private static readonly string[] Topics =
    [
        "language", "model", "models", "agent", "agents", "vision", "speech", "audio", "robot", "robotics", "reinforcement",
        "learning", "safety", "alignment", "benchmark", "evaluation", "open", "weights", "gpu", "inference", "policy",
        "transformer", "transformers", "diffusion", "multimodal", "reasoning", "interpretability", "dataset", "training", "café",
    ];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "de", "po", "an", "el", "or", "un", "is"];

    public static string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "aifeed-bench-v1");

    /// <summary>The store with the whole corpus; built on first use (a minute or so), then reused.</summary>
    public static LiteDbContext OpenStore()
    {
        var ready = Path.Combine(DataDirectory, "ready");
        var context = new LiteDbContext(DataDirectory, "bench.db");
        if (!File.Exists(ready))
        {
            var store = new LiteDbPostStore(context);
            foreach (var batch in Posts(0, Size).Chunk(5_000))
            {
                store.SaveAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            }

            context.Checkpoint();
            File.WriteAllText(ready, "ok");
        }

        return context;
    }

    /// <summary>Posts number <paramref name="start"/> to start + count − 1, ready to store.</summary>
    public static IEnumerable<Post> Posts(int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            yield return Create(i);
        }
    }

    public static Post Create(int i)
    {
        var random = new Random(i);
        var copyOf = i % 10 == 9 ? i - 1 - random.Next(Math.Min(i, 50)) : -1;
        var origin = copyOf >= 0 ? new Random(copyOf) : random;
        var title = Sentence(origin, 6 + origin.Next(5));
        var summary = Sentence(origin, 30 + origin.Next(15));
        if (copyOf >= 0 && i % 20 == 19)
        {
            // A newsletter's own headline over the lab's pasted first paragraph.
            title = Sentence(random, 7);
        }

        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 5);
        var id = i.ToString("D8", CultureInfo.InvariantCulture);
        var source = $"source-{random.Next(30)}";
        var post = new Post
        {
            Id = id,
            SourceId = source,
            Title = title,
            Url = $"https://{source}.example/posts/{id}",
            Summary = summary,
            Author = Word(random),
            PublishedAt = at,
            FirstSeenAt = at,
            UpdatedAt = at,
            SortAt = at,
            SortKey = $"{at.Ticks:D19}:{id}",
            LeadKey = $"{at.Ticks:D19}:{id}",
            ClusterId = id,
            Sources = [source],
            Tags = [Topics[random.Next(Topics.Length)]],
        };
        StorySignature.Apply(post);
        return post;
    }

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Next(3) == 0 ? Topics[random.Next(Topics.Length)] : Word(random)));

    private static string Word(Random random) =>
        string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Syllables[random.Next(Syllables.Length)]));
}
