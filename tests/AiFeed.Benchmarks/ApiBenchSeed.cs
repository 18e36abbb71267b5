using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Benchmarks;

/// <summary>
/// The API benchmark's data: a feeds.json naming SyntheticCorpus's 30 sources with a taxonomy over
/// its topic words, and the posts (100,000 unless asked for more) stored through Core as ingestion
/// leaves them: tagged by the real tagger, one in ten folded into the story it re-posts, the newest
/// published just now. The store is built once a day into a template per size and copied into a
/// fresh data folder per run.
/// </summary>
internal static class ApiBenchSeed
{
    // v10: v9 (the HTML apart, no Post.Terms) with the index's schema 2 (listings), which an
    // index of v9 would be rebuilt to at every start.
    private const string TemplatePrefix = "aifeed-api-bench-v10";

    public const string FileName = "aifeed.db";

    private const string IndexFolder = "aifeed-index";

    public static string WriteCatalog(string path)
    {
        var sources = string.Join(",\n", Enumerable.Range(0, 30).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""    {"id": "source-{{i}}", "name": "Source {{i}} blog", "url": "http://127.0.0.1:9/source-{{i}}.xml", "tags": [], "weight": {{(i < 5 ? "1.5" : "1.0")}}}""")));
        File.WriteAllText(path, $$"""
            {
              "taxonomy": {
                "defaults": false,
                "tags": [
                  {"name": "llm", "label": "LLMs", "keywords": ["language model*", "transformer*", "reasoning"]},
                  {"name": "agents", "label": "Agents", "keywords": ["agent*"]},
                  {"name": "multimodal", "label": "Multimodal & vision", "keywords": ["vision", "multimodal", "diffusion"]},
                  {"name": "speech-audio", "label": "Speech & audio", "keywords": ["speech", "audio"]},
                  {"name": "robotics", "label": "Robotics", "keywords": ["robot*"]},
                  {"name": "reinforcement-learning", "label": "Reinforcement learning", "keywords": ["reinforcement learning", "policy"]},
                  {"name": "safety", "label": "Safety & alignment", "keywords": ["safety", "alignment"]},
                  {"name": "interpretability", "label": "Interpretability", "keywords": ["interpretability"]},
                  {"name": "open-source", "label": "Open source", "keywords": ["open weights", "dataset"]},
                  {"name": "infrastructure", "label": "Infrastructure", "keywords": ["gpu", "inference", "training"]},
                  {"name": "evaluation", "label": "Evaluation", "keywords": ["benchmark", "evaluation"]}
                ]
              },
              "feeds": [
            {{sources}}
              ]
            }
            """);
        return path;
    }

    /// <summary>The template of <paramref name="size"/> posts: the 100,000-post one keeps its old name.</summary>
    private static string TemplateOf(int size) => Path.Combine(
        Path.GetTempPath(),
        size == SyntheticCorpus.Size ? TemplatePrefix : string.Create(CultureInfo.InvariantCulture, $"{TemplatePrefix}-{size / 1000}k"));

    /// <summary>Copies the seeded store of <paramref name="size"/> posts into <paramref name="dataDirectory"/>, seeding the template first if needed.</summary>
    public static void Populate(string dataDirectory, string catalogPath, DateTime now, int size)
    {
        var template = TemplateOf(size);
        var ready = Path.Combine(template, "ready-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        if (!File.Exists(ready))
        {
            if (Directory.Exists(template))
            {
                Directory.Delete(template, recursive: true);
            }

            var seeding = System.Diagnostics.Stopwatch.StartNew();
            Seed(template, catalogPath, now, size);
            File.WriteAllText(ready, string.Create(CultureInfo.InvariantCulture, $"seeded {size} posts in {seeding.Elapsed.TotalSeconds:F0} s"));
        }

        Console.WriteLine("template: " + File.ReadAllText(ready));

        Directory.CreateDirectory(dataDirectory);
        File.Copy(Path.Combine(template, FileName), Path.Combine(dataDirectory, FileName), overwrite: true);
        // The search index beside the data file, as a served store has it.
        var index = Path.Combine(dataDirectory, IndexFolder);
        Directory.CreateDirectory(index);
        foreach (var file in Directory.GetFiles(Path.Combine(template, IndexFolder)).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(index, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>The catalog of <see cref="WriteCatalog"/> and the tagger over it.</summary>
    internal static (StaticCatalog Catalog, PostTagger Tagger) Tagging(string catalogPath)
    {
        var catalog = new StaticCatalog(CatalogLoader.Load(catalogPath) is { IsValid: true } loaded
            ? loaded.Catalog!
            : throw new InvalidOperationException("the benchmark's feeds.json does not validate"), catalogPath);
        return (catalog, new PostTagger(catalog));
    }

    private static void Seed(string template, string catalogPath, DateTime now, int size)
    {
        var (catalog, tagger) = Tagging(catalogPath);
        using var context = new LiteDbContext(template, FileName);
        var store = new LiteDbPostStore(context);
        var shift = now - SyntheticCorpus.Create(size - 1).SortAt;
        var posts = new Dictionary<int, Post>();
        var written = 0;
        for (var i = 0; i < size; i++)
        {
            var post = SyntheticCorpus.Create(i);
            Shift(post, shift);
            tagger.Apply(post, catalog.Current.Find(post.SourceId));
            posts[i] = post;
            if (CopyOf(i) is { } original && posts.TryGetValue(original, out var copied))
            {
                // The same story elsewhere: a member of the original's cluster, which now lists both sources.
                post.ClusterId = copied.ClusterId;
                post.LeadKey = string.Empty;
                if (posts.TryGetValue(int.Parse(copied.ClusterId, CultureInfo.InvariantCulture), out var lead)
                    && !lead.Sources.Contains(post.SourceId, StringComparer.Ordinal))
                {
                    lead.Sources.Add(post.SourceId);
                }
            }

            // Posts stay in memory until no later copy can reach them (copies look back at most 51).
            if (posts.Count >= 5_000 || i == size - 1)
            {
                var keep = i == size - 1 ? int.MaxValue : i - 60;
                var batch = posts.Where(p => p.Key < keep).OrderBy(p => p.Key).Select(p => p.Value).ToList();
                store.SaveAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
                written += batch.Count;
                if (written % 100_000 < batch.Count)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written:N0} posts stored"));
                }

                foreach (var done in posts.Keys.Where(k => k < keep).ToList())
                {
                    posts.Remove(done);
                }
            }
        }

        new LiteDbMetadataStore(context).SetAsync(Retagger.FingerprintKey, tagger.Fingerprint, CancellationToken.None).GetAwaiter().GetResult();
        // The seed's stories are the corpus's own (copies of one story): the served process takes them
        // as decided. The search index's first build writes their story records into the template.
        store.IndexReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
        new LiteDbMetadataStore(context).SetAsync(StoryUpgrade.RulesKey, StoryUpgrade.RulesVersion, CancellationToken.None).GetAwaiter().GetResult();
        context.Checkpoint();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {written:N0} posts into {context.DatabasePath}"));
    }

    // SyntheticCorpus makes every tenth post a re-post of one of the 50 before it; the same draw finds which.
    private static int? CopyOf(int i) => i % 10 == 9 && i > 0 ? i - 1 - new Random(i).Next(Math.Min(i, 50)) : null;

    private static void Shift(Post post, TimeSpan shift)
    {
        post.PublishedAt += shift;
        post.FirstSeenAt += shift;
        post.UpdatedAt += shift;
        post.SortAt += shift;
        post.SortKey = string.Create(CultureInfo.InvariantCulture, $"{post.SortAt.Ticks:D19}:{post.Id}");
        post.LeadKey = post.SortKey;
    }

    internal sealed class StaticCatalog(FeedCatalog current, string path) : ICatalogProvider
    {
        public FeedCatalog Current => current;

        public IReadOnlyList<CatalogError> Errors => [];

        public string FilePath => path;

        public DateTimeOffset? AppliedAt => null;

        public event EventHandler<CatalogChangedEventArgs>? Changed
        {
            add { }
            remove { }
        }
    }
}
