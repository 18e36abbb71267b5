using System.Text;
using AiFeed.Catalog;
using AiFeed.Publishing;

namespace AiFeed.Tests.Publishing;

/// <summary>OPML export, then import into another feeds.json, loses nothing; imports keep the file's text.</summary>
public sealed class OpmlRoundTripTests
{
    private const string Catalog = """
        // Our sources. This comment must survive an import.
        {
          "defaults": { "pollInterval": "00:30:00" },
          "feeds": [
            // Labs first.
            {
              "id": "openai", "name": "OpenAI News",
              "url": "https://openai.com/news/rss.xml", "site": "https://openai.com/news",
              "tags": ["lab", "llm"], "weight": 1.5, "pollInterval": "01:00:00"
            },
            { "id": "papers", "name": "Papers & “Preprints”", "url": "https://papers.example.org/feed", "enabled": false },
            { "id": "scraped", "name": "Feedless lab", "site": "https://feedless.example.org/" }
          ]
        }
        """;

    [Fact]
    public void ExportThenImport_IntoEmptyCatalog_SameSources()
    {
        // Arrange
        var original = Load(Catalog);
        var opml = OpmlWriter.Write(original, "AiFeed sources", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        const string empty = "{\n  \"feeds\": [\n  ]\n}\n";

        // Act
        var outlines = OpmlReader.Read(new MemoryStream(opml));
        var result = CatalogAppender.Append(empty, Load(empty), outlines, "Imported.");
        var imported = Load(result.Text);

        // Assert
        Assert.Empty(result.Skipped);
        Assert.Equal(
            original.Sources.Where(s => s.Url is not null).Select(Fields),
            imported.Sources.Select(Fields));
    }

    [Fact]
    public void Import_IntoCommentedCatalog_KeepsTextAndAppendsBeforeClosingBracket()
    {
        // Arrange
        var opml = """
            <?xml version="1.0"?>
            <opml version="1.0"><head><title>From another reader</title></head><body>
              <outline text="Research">
                <outline type="rss" text="Distill Pub" xmlUrl="https://distill.pub/rss.xml" htmlUrl="https://distill.pub/"/>
                <outline type="rss" text="OpenAI again" xmlUrl="https://OPENAI.com/news/rss.xml/"/>
              </outline>
              <outline type="rss" title="Ünïcode Blog!" text="x" xmlUrl="http://blog.example.org/atom" category="/AI/Deep Learning"/>
              <outline type="rss" text="OpenAI News" xmlUrl="https://other.example.org/openai"/>
            </body></opml>
            """;

        // Act
        var outlines = OpmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(opml)));
        var result = CatalogAppender.Append(Catalog, Load(Catalog), outlines, "Imported from other.opml.");
        var imported = Load(result.Text);

        // Assert
        Assert.StartsWith(Catalog[..Catalog.IndexOf("{ \"id\": \"scraped\"", StringComparison.Ordinal)], result.Text, StringComparison.Ordinal);
        Assert.Contains("// Our sources. This comment must survive an import.", result.Text, StringComparison.Ordinal);
        Assert.Contains("// Imported from other.opml.", result.Text, StringComparison.Ordinal);
        Assert.Equal(["distill-pub", "unicode-blog", "openai-news"], result.Added);
        Assert.Equal(["https://OPENAI.com/news/rss.xml/: already in the catalog"], result.Skipped);
        var distill = imported.Find("distill-pub")!;
        Assert.Equal("https://distill.pub/rss.xml", distill.Url);
        Assert.Equal("https://distill.pub/", distill.Site);
        Assert.Equal(["research"], distill.Tags);
        Assert.Equal(["ai", "deep-learning"], imported.Find("unicode-blog")!.Tags);
        Assert.Equal(6, imported.Sources.Count);
        Assert.EndsWith("  ]\n}", result.Text.TrimEnd('\n'), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SameFileTwice_SecondAddsNothing()
    {
        // Arrange
        var opml = OpmlWriter.Write(Load(Catalog), "x", DateTimeOffset.UnixEpoch);
        const string empty = "{ \"feeds\": [] }";
        var once = CatalogAppender.Append(empty, Load(empty), OpmlReader.Read(new MemoryStream(opml)), "first");

        // Act
        var twice = CatalogAppender.Append(once.Text, Load(once.Text), OpmlReader.Read(new MemoryStream(opml)), "second");

        // Assert
        Assert.Equal(2, once.Added.Count);
        Assert.Empty(twice.Added);
        Assert.Equal(2, twice.Skipped.Count);
        Assert.Equal(once.Text, twice.Text);
    }

    [Fact]
    public void Read_NotOpml_Throws()
    {
        // Act
        var error = Assert.Throws<FormatException>(() => OpmlReader.Read(new MemoryStream("<rss version=\"2.0\"/>"u8.ToArray())));

        // Assert
        Assert.Contains("not an OPML document", error.Message, StringComparison.Ordinal);
    }

    private static string Fields(SourceDefinition s) =>
        $"{s.Id}|{s.Name}|{s.Url}|{s.Site}|{string.Join(',', s.Tags)}|{s.Weight}|{s.PollInterval}|{s.Enabled}";

    private static FeedCatalog Load(string json)
    {
        var result = CatalogLoader.Parse(json, "feeds.json");
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        return result.Catalog!;
    }
}
