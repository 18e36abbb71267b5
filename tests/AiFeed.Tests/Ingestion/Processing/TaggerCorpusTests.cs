using AiFeed.Catalog;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// Measures the shipped taxonomy (feeds.json) on hand-labelled real posts (TagLabels.txt): per-tag
/// precision and recall, and macro-F1 over the taxonomy's tags.
/// </summary>
public sealed class TaggerCorpusTests
{
    private static readonly Dictionary<string, (string File, string Source)> Feeds = new(StringComparer.Ordinal)
    {
        ["openai-news"] = ("openai/openai_news_rss_2025-07-28.xml", "OpenAI News"),
        ["deepmind-2025"] = ("deepmind/deepmind_blog_rss_2025-07-23.xml", "Google DeepMind"),
        ["deepmind-2026"] = ("deepmind/deepmind_blog_rss_2026-08-13.xml", "Google DeepMind"),
        ["meta-ai"] = ("meta/ai_meta_blog_generated_olshansk_2026-08-22.xml", "Meta AI Blog"),
        ["google-ai"] = ("google-ai-blog/blog_google_technology_ai_rss_2025-07-24.xml", "Google AI (The Keyword)"),
        ["google-dev"] = ("google-developers-ai/developers_googleblog_ai_generated_olshansk_2026-08-22.xml", "Google Developers Blog"),
        ["hf-rss"] = ("huggingface/hf_blog_rss_generated_2025-09-30.xml", "Hugging Face Blog"),
        ["bair"] = ("bair/bair_blog_feed_trimmed_2026-04.xml", "BAIR Blog"),
    };

    [Fact]
    public void Tag_LabelledCorpusPosts_MacroF1AtLeast08()
    {
        // Arrange
        var catalog = CatalogLoader.Load(Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json"));
        Assert.True(catalog.IsValid, string.Join(Environment.NewLine, catalog.Errors));
        var taxonomy = catalog.Catalog!.Taxonomy;
        var tagger = new Tagger(taxonomy);
        var labels = ReadLabels();
        var posts = Feeds.ToDictionary(f => f.Key, f => CorpusPosts.Load(f.Value.File, f.Key), StringComparer.Ordinal);
        var names = taxonomy.Tags.Select(t => t.Name).ToList();
        var counts = names.ToDictionary(n => n, _ => (Tp: 0, Fp: 0, Fn: 0), StringComparer.Ordinal);
        var mistakes = new List<string>();

        // Act
        foreach (var (feed, title, expected) in labels)
        {
            var post = posts[feed].Find(p => Key(p.Title) == Key(title));
            Assert.True(post is not null, $"{feed}: no item titled \"{title}\" in the corpus");
            var actual = tagger.Tag(new TagInput(post.Title, post.Summary, post.Categories, Feeds[feed].Source), []).ToHashSet(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var (want, got) = (expected.Contains(name), actual.Contains(name));
                var c = counts[name];
                counts[name] = (c.Tp + (want && got ? 1 : 0), c.Fp + (!want && got ? 1 : 0), c.Fn + (want && !got ? 1 : 0));
                if (want != got)
                {
                    mistakes.Add($"{(got ? "extra" : "missing")} {name}: \"{title}\"");
                }
            }
        }

        // Assert
        var lines = new List<string> { $"tagging {labels.Count} labelled posts with the feeds.json taxonomy" };
        var f1s = new List<double>();
        foreach (var name in names)
        {
            var (tp, fp, fn) = counts[name];
            var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1s.Add(f1);
            lines.Add($"{name,-24} precision {precision,7:P1}  recall {recall,7:P1}  F1 {f1:F3}  (expected {tp + fn})");
        }

        var macro = f1s.Average();
        lines.Add($"macro-F1 {macro:F3}");
        var report = string.Join(Environment.NewLine, lines.Concat(mistakes.Take(200)));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(labels.Count >= 150, report);
        Assert.True(names.All(n => counts[n].Tp + counts[n].Fn > 0), "every tag needs labelled examples\n" + report);
        Assert.True(macro >= 0.8, report);
    }

    private static string Key(string title) => string.Join(' ', SearchTerms.Words(title));

    private static List<(string Feed, string Title, HashSet<string> Tags)> ReadLabels() =>
        [.. File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "AiFeed.Tests", "Ingestion", "Processing", "TagLabels.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (cells[0], cells[1], cells[2] == "-" ? new HashSet<string>(StringComparer.Ordinal)
                : cells[2].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)))];
}
