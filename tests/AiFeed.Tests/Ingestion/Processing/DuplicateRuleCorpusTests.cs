using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// Measures <see cref="DuplicateRule"/> on labelled pairs: every pair within and across related
/// real feeds (labelled by the shared canonical link, or for one source's moved pages the shared
/// slug) plus hand-written cases, once with the links and once with the links hidden, as a
/// newsletter that links elsewhere would look.
/// </summary>
public sealed class DuplicateRuleCorpusTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Match_LabelledCorpusPairs_PrecisionAtLeast99Percent()
    {
        // Arrange
        var pairs = CorpusPairs().Concat(OwnPairs()).ToList();

        // Act
        var all = new PairTally("all rules");
        var hidden = new PairTally("links hidden (title, text and arXiv rules alone, across sources)");
        foreach (var pair in pairs)
        {
            all.Add(pair, DuplicateRule.Match(pair.A, pair.B));
            // Hand-written pairs test the link rules themselves, so only corpus pairs lose their links.
            if (!string.Equals(pair.A.SourceId, pair.B.SourceId, StringComparison.Ordinal) && !pair.Group.StartsWith("own:", StringComparison.Ordinal))
            {
                var (a, b) = (WithoutLink(pair.A), WithoutLink(pair.B));
                hidden.Add(pair with { A = a, B = b }, DuplicateRule.Match(a, b));
            }
        }

        // Assert
        var report = $"""
            duplicate rule on {pairs.Count} labelled pairs ({pairs.Count(p => p.Duplicate)} duplicates)
            {all}
            {hidden}
            thresholds: window {DuplicateRule.Window.TotalDays} d, at least {DuplicateRule.MinTitleWords} title words, corroborated by SimHash distance <= {SimHash.MaxDistance} or a shared link
            {string.Join(Environment.NewLine, all.Mistakes.Concat(hidden.Mistakes).Take(40))}
            """;
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(all.Precision >= 0.99, report);
        Assert.True(hidden.Precision >= 0.99, report);
        Assert.True(all.TruePositives > 170, report);
    }

    [Fact]
    public void SimHash_LabelledCorpusPairs_DistanceSweepHasPreciseThreshold()
    {
        // Arrange: the whole rule, links hidden across sources so the text is what corroborates a
        // title, at every SimHash distance for "near-equal summaries".
        var pairs = CorpusPairs().Concat(OwnPairs())
            .Select(p => string.Equals(p.A.SourceId, p.B.SourceId, StringComparison.Ordinal) || p.Group.StartsWith("own:", StringComparison.Ordinal)
                ? p
                : p with { A = WithoutLink(p.A), B = WithoutLink(p.B) })
            .ToList();

        // Act
        var lines = new List<string> { $"title + SimHash of summaries on {pairs.Count} pairs ({pairs.Count(p => p.Duplicate)} duplicates), cross-source links hidden" };
        var chosen = new PairTally("chosen");
        for (var distance = 0; distance <= 12; distance++)
        {
            var tally = new PairTally($"distance <= {distance}");
            foreach (var pair in pairs)
            {
                var reason = DuplicateRule.Match(pair.A, pair.B, honourRepeats: true, distance);
                tally.Add(pair, reason);
                if (distance == SimHash.MaxDistance)
                {
                    chosen.Add(pair, reason);
                }
            }

            lines.Add(tally.ToString());
        }

        // Assert
        var report = string.Join(Environment.NewLine, lines.Concat(chosen.Mistakes.Take(20)));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(chosen.Precision >= 0.99, report);
    }

    private static IEnumerable<LabelledPair> CorpusPairs()
    {
        var news = CorpusPosts.Load("openai/openai_news_rss_2025-07-28.xml", "openai");
        var research = CorpusPosts.Load("openai/openai_research_generated_olshansk_2026-08-22.xml", "openai-research");
        var deepmindOld = CorpusPosts.Load("deepmind/deepmind_blog_rss_2025-07-23.xml", "google-deepmind");
        var deepmindNew = CorpusPosts.Load("deepmind/deepmind_blog_rss_2026-08-13.xml", "google-deepmind");
        var hfJson = CorpusPosts.Load("huggingface/hf_blog_jsonfeed_generated_2025-09-30.json", "hf-json");
        var hfRss = CorpusPosts.Load("huggingface/hf_blog_rss_generated_2025-09-30.xml", "hf-rss");
        var hfOfficial = CorpusPosts.Load("huggingface/hf_blog_feed_trimmed_2026-08-20.xml", "hugging-face");
        var metaAi = CorpusPosts.Load("meta/ai_meta_blog_generated_olshansk_2026-08-22.xml", "meta-ai");
        var metaEngineering = CorpusPosts.Load("meta/engineering_fb_ai_research_feed_trimmed_2026-02.xml", "meta-engineering");
        var keyword = CorpusPosts.Load("google-ai-blog/blog_google_technology_ai_rss_2025-07-24.xml", "google-ai-keyword");
        var developers = CorpusPosts.Load("google-developers-ai/developers_googleblog_ai_generated_olshansk_2026-08-22.xml", "google-developers");
        var bair = CorpusPosts.Load("bair/bair_blog_feed_trimmed_2026-04.xml", "bair");

        foreach (var feed in new[] { news, research, deepmindOld, deepmindNew, hfJson, metaAi, keyword, developers, bair })
        {
            for (var i = 0; i < feed.Count; i++)
            {
                for (var j = i + 1; j < feed.Count; j++)
                {
                    yield return Labelled(feed[i], feed[j], "within " + feed[i].SourceId);
                }
            }
        }

        foreach (var (left, right) in new[] { (news, research), (deepmindOld, deepmindNew), (hfJson, hfRss), (hfJson, hfOfficial), (metaAi, metaEngineering), (keyword, developers), (keyword, deepmindOld) })
        {
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    yield return Labelled(a, b, $"{a.SourceId} x {b.SourceId}");
                }
            }
        }
    }

    private static LabelledPair Labelled(Post a, Post b, string group) =>
        new(a, b, CorpusPosts.SamePost(a, b, acrossDeepMindSnapshots: group == "google-deepmind x google-deepmind"), group);

    private static Post WithoutLink(Post post)
    {
        var copy = CorpusPosts.Create(post.SourceId, post.Id, post.Title, null, post.Summary, post.SortAt);
        return copy;
    }

    private static IEnumerable<LabelledPair> OwnPairs()
    {
        const string Summary = "We trained a sparse mixture of experts model on public code and text and release the weights, an evaluation harness and a technical report describing the data mixture.";
        LabelledPair Pair(bool duplicate, string group, (string Source, string Title, string? Url, string Text, double Days) a, (string Source, string Title, string? Url, string Text, double Days) b) =>
            new(CorpusPosts.Create(a.Source, group + "-a", a.Title, a.Url, a.Text, Day.AddDays(a.Days)),
                CorpusPosts.Create(b.Source, group + "-b", b.Title, b.Url, b.Text, Day.AddDays(b.Days)),
                duplicate,
                "own: " + group);

        yield return Pair(true, "arxiv versions", ("arxiv", "Sparse Experts at Scale", "https://arxiv.org/abs/2411.01234v1", "", 0), ("papers", "Sparse experts at scale (v2)", "https://arxiv.org/pdf/2411.01234v2", "", 2));
        yield return Pair(true, "arxiv title", ("arxiv", "Sparse Experts at Scale. (arXiv:2411.01234v1 [cs.LG])", "https://export.arxiv.org/abs/2411.01234", "", 0), ("letter", "Paper of the week", "https://arxiv.org/abs/2411.01234", "", 1));
        yield return Pair(true, "scheme and www", ("lab", "New model", "http://www.lab.example/news/model/", "", 0), ("letter", "Lab ships", "https://lab.example/news/model", "", 1));
        yield return Pair(true, "newsletter repost", ("lab", "Introducing Orca 3: open weights for everyone", "https://lab.example/news/orca-3", Summary, 0), ("letter", "Introducing “Orca 3” — open weights for everyone!", "https://letter.example/p/orca-3", "", 1));
        yield return Pair(true, "syndicated text", ("lab", "Orca 3 is here", "https://lab.example/news/orca-3", Summary, 0), ("mirror", "Lab releases Orca 3", "https://mirror.example/2026/orca", Summary + " Read more.", 0.5));
        yield return Pair(false, "same title a year apart", ("lab", "Introducing our new safety framework", "https://lab.example/safety-2025", "", 0), ("other-lab", "Introducing our new safety framework", "https://other.example/safety", "", 365));
        yield return Pair(false, "generic title same day", ("lab", "Team update", "https://lab.example/team-update", "", 0), ("other-lab", "Team update", "https://other.example/team-update", "", 0));
        yield return Pair(false, "same site same title", ("lab", "Sharing new research, models, and datasets from Lab FAIR", "https://lab.example/blog/fair-1", "", 0), ("lab-mirror", "Sharing new research, models, and datasets from Lab FAIR", "https://lab.example/blog/fair-2", "", 1));
        yield return Pair(false, "model versions", ("lab", "Introducing Gemini 2 Flash", "https://lab.example/gemini-2-flash", "", 0), ("letter", "Introducing Gemini 3 Flash", "https://letter.example/gemini-3", "", 0));
        yield return Pair(false, "arxiv different papers", ("arxiv", "Sparse Experts at Scale", "https://arxiv.org/abs/2411.01234v1", "", 0), ("arxiv2", "Sparse Experts at Scale", "https://arxiv.org/abs/2411.04321v1", "", 40));
        yield return Pair(false, "shared boilerplate", ("lab", "Orca 3 is here", "https://lab.example/news/orca-3", Summary, 0), ("other", "Whale songs decoded", "https://other.example/whales", "Researchers decoded whale songs with a small audio model trained on ten years of hydrophone recordings from three oceans.", 0));
    }
}
