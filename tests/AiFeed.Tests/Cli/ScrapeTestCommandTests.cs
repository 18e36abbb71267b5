using System.Globalization;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Ingestion.Scraping;

namespace AiFeed.Tests.Cli;

/// <summary>aifeed scrape-test, run as a child process: what the rules and the generic reader read, nothing stored.</summary>
public sealed class ScrapeTestCommandTests : LoopbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScrapeTest_SavedPageWhereTheRuleMatchesNothing_GenericPostsAndTheRuleErrorAtItsPosition()
    {
        // Arrange
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), [new
        {
            id = "frontier",
            name = "Frontier Lab",
            site = "https://www.frontier-lab.example/news",
            scrape = new { item = "article.js-post", title = "h2", date = "time" },
        }]);
        var page = Path.Combine(ListingPage.Folder, "nextjs-newsroom.html");

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, Ct, "scrape-test", "--source", "frontier", "--file", page, "--feeds", feeds);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{feeds}:{Position(feeds, "\"item\"")}: feeds[0].scrape.item: selector `article.js-post` matched 0 elements\n", result.Stderr);
        Assert.Contains("Scrape rules (selector `article.js-post`): 0 matched, 0 posts", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Generic reader (14 post cards linking to /news/…, 4 of them elsewhere with the same markup): 14 posts", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  2026-08-10  The economics of inference at gigawatt scale\n              https://www.frontier-lab.example/research/the-economics-of-inference-at-gigawatt-scale\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was stored.\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.File("data")));
    }

    [Fact]
    public async Task ScrapeTest_LiveSiteOnLoopbackWithCleanUp_BothReadersTitlesCleanedExit0()
    {
        // Arrange
        Server.MapFeed("/news", () => ListingHtml.Cards(Enumerable.Range(1, 3)), "text/html; charset=utf-8");
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), [new
        {
            id = "lab",
            name = "Lab",
            site = Server.Url("/news").AbsoluteUri,
            scrape = ListingHtml.Rule(),
            titleReplace = new[] { new { pattern = "^Post (\\d+)$", replacement = "Lab post $1" } },
        }]);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, Ct, "scrape-test", "--source", "lab", "--feeds", feeds);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Contains("Scrape rules (selector `article.js-post`): 3 matched, 3 posts\n  2026-11-02  Lab post 1\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Generic reader (3 post cards linking to /news/…): 3 posts\n  2026-11-02  Lab post 1\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Server.CountRequests("/news"));
    }

    [Theory]
    [InlineData(2, "aifeed: Option '--source' is required (see 'aifeed scrape-test --help')", "scrape-test")]
    [InlineData(2, "aifeed: scrape-test takes --file or --url, not both (see 'aifeed scrape-test --help')", "scrape-test", "--source", "lab", "--file", "page.html", "--url", "https://lab.example/")]
    [InlineData(2, "aifeed: --url: 'ftp://lab.example/' is not an absolute http(s) URL (see 'aifeed scrape-test --help')", "scrape-test", "--source", "lab", "--url", "ftp://lab.example/")]
    [InlineData(2, "aifeed: --source: no source has the id 'nope' (see 'aifeed scrape-test --help')", "scrape-test", "--source", "nope")]
    [InlineData(2, "aifeed: unknown option or argument '--store' (see 'aifeed scrape-test --help')", "scrape-test", "--source", "lab", "--store")]
    public async Task ScrapeTest_BadCommandLine_OneLineAndExit2(int exitCode, string error, params string[] args)
    {
        // Arrange
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), [new { id = "lab", name = "Lab", site = "https://lab.example/news" }]);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, Ct, [.. args, "--feeds", feeds]);

        // Assert
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(error + "\n", result.Stderr);
    }

    [Fact]
    public async Task ScrapeTest_InvalidCatalog_ItsErrorsAndExit1()
    {
        // Arrange
        var feeds = Folder.File("feeds.json");
        await File.WriteAllTextAsync(feeds, "{ \"feeds\": [ { \"id\": \"lab\", \"name\": \"Lab\", \"site\": \"nope\" } ] }", Ct);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, Ct, "scrape-test", "--source", "lab", "--feeds", feeds);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{feeds}:1:52: feeds[0].site: 'nope' is not an absolute http(s) URL\n", result.Stderr);
    }

    // "line:column" of the first occurrence of text in the file, as the validator counts them.
    private static string Position(string path, string text)
    {
        var lines = File.ReadAllLines(path);
        var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return string.Create(CultureInfo.InvariantCulture, $"{line + 1}:{lines[line].IndexOf(text, StringComparison.Ordinal) + 1}");
    }
}
