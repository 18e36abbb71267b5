using AiFeed.Catalog;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Cli;

/// <summary>aifeed import-opml, run as a child process on a temp feeds.json.</summary>
public sealed class ImportOpmlCommandTests : IDisposable
{
    private const string Feeds = """
        // Hand-written catalog.
        {
          "feeds": [
            { "id": "openai", "name": "OpenAI News", "url": "https://openai.com/news/rss.xml" } // keep me
          ]
        }

        """;

    private const string Opml = """
        <opml version="2.0"><head><title>Export</title></head><body>
          <outline type="rss" text="Hugging Face Blog" xmlUrl="https://huggingface.co/blog/feed.xml" htmlUrl="https://huggingface.co/blog"/>
          <outline type="rss" text="OpenAI" xmlUrl="https://openai.com/news/rss.xml"/>
        </body></opml>
        """;

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ImportOpml_NewAndDuplicateFeeds_AddsNewKeepsCommentsReportsDuplicate()
    {
        // Arrange
        await File.WriteAllTextAsync(folder.File("feeds.json"), Feeds, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(folder.File("other.opml"), Opml, TestContext.Current.CancellationToken);

        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, TestContext.Current.CancellationToken, "import-opml", "other.opml", "--feeds", "feeds.json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("feeds.json: added 1 feeds (hugging-face-blog), skipped 1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("skipped https://openai.com/news/rss.xml: already in the catalog", result.Stderr, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(folder.File("feeds.json"), TestContext.Current.CancellationToken);
        Assert.Contains("// Hand-written catalog.", text, StringComparison.Ordinal);
        Assert.Contains("// keep me", text, StringComparison.Ordinal);
        var catalog = CatalogLoader.Load(folder.File("feeds.json"));
        Assert.True(catalog.IsValid);
        Assert.Equal(["openai", "hugging-face-blog"], catalog.Catalog!.Sources.Select(s => s.Id));
    }

    [Fact]
    public async Task ImportOpml_NotOpml_ExitsOneAndLeavesFile()
    {
        // Arrange
        await File.WriteAllTextAsync(folder.File("feeds.json"), Feeds, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(folder.File("bad.opml"), "<html><body/></html>", TestContext.Current.CancellationToken);

        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, TestContext.Current.CancellationToken, "import-opml", "bad.opml");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not an OPML document", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Feeds, await File.ReadAllTextAsync(folder.File("feeds.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ImportOpml_NoFile_UsageErrorExitsTwo()
    {
        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, TestContext.Current.CancellationToken, "import-opml");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("aifeed: Required argument missing for command: 'import-opml' (see 'aifeed import-opml --help')\n", result.Stderr);
    }
}
