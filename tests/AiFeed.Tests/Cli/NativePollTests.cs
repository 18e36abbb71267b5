using System.Text.Json;
using AiFeed.Model;
using AiFeed.Search;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Ingestion.Scraping;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Cli;

/// <summary>
/// aifeed-poll, the poll verb compiled ahead of time (decision 0082), against `aifeed poll` on the
/// same loopback feeds: the same summary, the same posts and stories, the same errors.
/// </summary>
public sealed class NativePollTests(NativePoller native) : LoopbackTests, IClassFixture<NativePoller>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NativePoll_RssAtomJsonAndAScrapedSite_StoresWhatThePollVerbStores()
    {
        // Arrange: synthetic RSS (one feed re-posting another's items), real feeds of three formats
        // from the corpus, and a site read by scrape rules (AngleSharp).
        native.Require();
        Server.MapFeed("/a.xml", () => Rss("lab-a", Items("lab-a", 12, Newest)));
        Server.MapFeed("/b.xml", () => Rss("lab-b", Items("lab-b", 12, Newest)));
        Server.MapFeed("/a-again.xml", () => Rss("lab-a", Items("lab-a", 12, Newest)));
        Serve("/deepmind.xml", "real/deepmind/deepmind_blog_rss_2026-08-13.xml", "application/rss+xml");
        Serve("/hf.json", "real/huggingface/hf_blog_jsonfeed_generated_2025-09-30.json", "application/feed+json");
        Serve("/df.atom", "netnewswire/DaringFireball.atom", "application/atom+xml");
        Server.MapFeed("/news", () => ListingHtml.Cards(Enumerable.Range(1, 6)), "text/html; charset=utf-8");
        var feeds = CatalogFile.Write(Folder.File("feeds.json"),
        [
            CatalogFile.Source("a", Server.Url("/a.xml")),
            CatalogFile.Source("b", Server.Url("/b.xml")),
            CatalogFile.Source("a-again", Server.Url("/a-again.xml")),
            CatalogFile.Source("deepmind", Server.Url("/deepmind.xml")),
            CatalogFile.Source("hf", Server.Url("/hf.json")),
            CatalogFile.Source("df", Server.Url("/df.atom")),
            new { id = "lab", name = "Lab", site = Server.Url("/news").AbsoluteUri, scrape = ListingHtml.Rule() },
        ]);

        // Act
        var managed = await AiFeedProcess.RunAsync(Folder.Path, Ct, "poll", "--feeds", feeds, "--data", Folder.File("managed"), "--json");
        var compiled = await native.RunAsync(Folder.Path, Ct, "--feeds", feeds, "--data", Folder.File("native"), "--json");
        var again = await native.RunAsync(Folder.Path, Ct, "--feeds", feeds, "--data", Folder.File("native"), "--json");

        // Assert
        Assert.True(managed.ExitCode == 0, managed.Stderr);
        Assert.True(compiled.ExitCode == 0, compiled.Stderr);
        Assert.Equal(WithoutElapsed(managed.Stdout), WithoutElapsed(compiled.Stdout));
        Assert.Equal(7, JsonDocument.Parse(compiled.Stdout).RootElement.GetProperty("ok").GetInt32());
        Assert.Equal(7, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("not_modified").GetInt32());
        var (managedPosts, managedStories, managedSearches) = Stored(Folder.File("managed"));
        var (nativePosts, nativeStories, nativeSearches) = Stored(Folder.File("native"));
        Assert.True(managedPosts.Count > 60, $"{managedPosts.Count} posts stored");
        Assert.Equal(managedPosts, nativePosts);
        Assert.Equal(managedStories, nativeStories);
        Assert.Contains(managedStories, story => story.Contains('|', StringComparison.Ordinal));
        // The index aifeed-poll wrote answers as the one `aifeed poll` wrote: its analyzers are
        // trimmed to what AiFeed.Core names (decision 0083).
        Assert.Contains(managedSearches, search => !search.EndsWith(": 0 ", StringComparison.Ordinal));
        Assert.Equal(managedSearches, nativeSearches);
    }

    [Theory]
    [InlineData("--concurrency", "0", 2, "aifeed-poll: --concurrency must be from 1 to 64 (see 'aifeed-poll --help')")]
    [InlineData("--bogus", "x", 2, "aifeed-poll: unknown option or argument '--bogus' (see 'aifeed-poll --help')")]
    [InlineData("--feeds", "missing.json", 1, "missing.json:1:1: cannot read the catalog:")]
    public async Task NativePoll_BadCommandLineOrCatalog_OneLineAndThePollVerbsExitCode(string option, string value, int exitCode, string message)
    {
        // Act
        var result = await native.RunAsync(Folder.Path, Ct, option, value, "--data", Folder.File("data"));

        // Assert
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private void Serve(string path, string corpusFile, string contentType)
    {
        var text = File.ReadAllText(TestEnvironment.CorpusPath(corpusFile));
        Server.MapFeed(path, () => text, contentType);
    }

    private static string WithoutElapsed(string summary) =>
        string.Join(',', JsonDocument.Parse(summary).RootElement.EnumerateObject().Where(p => p.Name != "elapsed_s").Select(p => $"{p.Name}={p.Value}"));

    // Every stored post as what a reader sees of it, the stories as their members (the story's
    // own id is whichever member arrived first, which two runs need not share), and what the index
    // finds for words of the titles, whole and as typed prefixes, and for every tag.
    private static (List<string> Posts, List<string> Stories, List<string> Searches) Stored(string data)
    {
        using var context = new LiteDbContext(data, "aifeed.db");
        var posts = context.Posts.FindAll().ToList();
        var words = posts
            .SelectMany(p => p.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 5 && w.All(char.IsLetter))
            .Select(w => w.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(12)
            .ToList();
        var searches = words.Concat(words.Select(w => w[..4]))
            .Select(q => (Query: q, Found: context.Index.Search(new PostQuery { Expand = true }, SearchSyntax.Parse(q)!, 0, 200)))
            .Select(s => $"{s.Query}: {s.Found.Total} {string.Join(',', s.Found.Ids.Order(StringComparer.Ordinal))}")
            .Append(string.Join(',', context.Index.CountByTag([.. posts.SelectMany(p => p.Tags).Distinct(StringComparer.Ordinal)], expand: true)
                .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")))
            .ToList();
        var rows = posts
            .Select(p => string.Join(" · ", p.Id, p.SourceId, p.Title, p.Url, p.PublishedAt?.ToString("O"), p.Summary, string.Join(',', p.Tags), p.DateUnknown))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stories = posts
            .GroupBy(p => p.ClusterId, StringComparer.Ordinal)
            .Select(g => string.Join('|', g.Select(p => p.Id).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return (rows, stories, searches);
    }
}
