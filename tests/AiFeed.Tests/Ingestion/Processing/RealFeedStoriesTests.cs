using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// The real AI-lab feeds of ../shared/corpus/real served on loopback and polled together by the real
/// pipeline, as an operator's catalog of them would be: no two posts of one story may be different
/// posts. Truth: the same canonical link (scheme, www. and trailing slash aside), or between the two
/// DeepMind snapshots the same article slug (/discover/blog/x/ moved to /blog/x/).
/// </summary>
public sealed class RealFeedStoriesTests : LoopbackTests
{
    private static readonly (string File, string Id, string ContentType)[] Feeds =
    [
        ("openai/openai_news_rss_2025-07-28.xml", "openai", "application/rss+xml"),
        ("openai/openai_research_generated_olshansk_2026-08-22.xml", "openai-research", "application/rss+xml"),
        ("deepmind/deepmind_blog_rss_2025-07-23.xml", "deepmind-2025", "application/rss+xml"),
        ("deepmind/deepmind_blog_rss_2026-08-13.xml", "deepmind-2026", "application/rss+xml"),
        ("huggingface/hf_blog_jsonfeed_generated_2025-09-30.json", "hf-json", "application/feed+json"),
        ("huggingface/hf_blog_rss_generated_2025-09-30.xml", "hf-rss", "application/rss+xml"),
        ("huggingface/hf_blog_feed_trimmed_2026-08-20.xml", "hugging-face", "application/rss+xml"),
        ("meta/ai_meta_blog_generated_olshansk_2026-08-22.xml", "meta-ai", "application/rss+xml"),
        ("meta/engineering_fb_ai_research_feed_trimmed_2026-02.xml", "meta-engineering", "application/rss+xml"),
        ("google-ai-blog/blog_google_technology_ai_rss_2025-07-24.xml", "google-ai-keyword", "application/rss+xml"),
        ("google-developers-ai/developers_googleblog_ai_generated_olshansk_2026-08-22.xml", "google-developers", "application/rss+xml"),
        ("bair/bair_blog_feed_trimmed_2026-04.xml", "bair", "application/rss+xml"),
    ];

    [Fact]
    public async Task Poll_RealFeedsTogether_NoFalseMerge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var sources = new List<object>();
        foreach (var (file, id, contentType) in Feeds)
        {
            var body = await File.ReadAllBytesAsync(TestEnvironment.CorpusPath(Path.Combine("real", file)), ct);
            Server.Map("/" + id, context =>
            {
                context.Response.ContentType = contentType;
                return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
            });
            sources.Add(new { id, name = id, url = Server.Url("/" + id).AbsoluteUri });
        }

        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), sources, new { requestTimeout = "00:01:00", maxItemsPerFeed = 1000 }));

        // Act
        var summary = await app.Poller.PollNowAsync(null, ct);

        // Assert
        var posts = await app.Services.GetRequiredService<IPostStore>().ListBatchAsync(null, 10_000, ct);
        var stories = posts.GroupBy(p => p.ClusterId, StringComparer.Ordinal).ToList();
        var falseMerges = new List<string>();
        foreach (var story in stories)
        {
            var members = story.ToList();
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (!SamePost(members[i], members[j]))
                    {
                        falseMerges.Add($"\"{members[i].Title}\" {members[i].Url} | \"{members[j].Title}\" {members[j].Url}");
                    }
                }
            }
        }

        var truePairs = posts.SelectMany((a, i) => posts.Skip(i + 1).Where(b => SamePost(a, b)).Select(b => (a, b))).ToList();
        var found = truePairs.Count(p => string.Equals(p.a.ClusterId, p.b.ClusterId, StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Feeds.Length} real feeds polled together: {summary.Items} items, {posts.Count} posts, {stories.Count} stories; " +
            $"{found} of {truePairs.Count} same-post pairs in one story; {falseMerges.Count} false merges{Environment.NewLine}{string.Join(Environment.NewLine, falseMerges.Take(20))}");
        Assert.Equal(Feeds.Length, summary.Ok);
        Assert.Empty(falseMerges);
        Assert.True(found > 150, $"{found} of {truePairs.Count} same-post pairs found");
    }

    private static bool SamePost(Post a, Post b) =>
        CorpusPosts.SamePost(a, b, acrossDeepMindSnapshots: a.SourceId.StartsWith("deepmind-", StringComparison.Ordinal)
            && b.SourceId.StartsWith("deepmind-", StringComparison.Ordinal) && !string.Equals(a.SourceId, b.SourceId, StringComparison.Ordinal));
}
