using System.Text.RegularExpressions;
using AiFeed.Ingestion.Parsing;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Parsing.Corpus;

public sealed partial class RealFeedCorpusTests
{
    [Fact]
    public void Parse_EveryRealFeed_MatchesManifestCountTitleAndLink()
    {
        // Arrange
        var real = TestEnvironment.CorpusPath("real");
        var rows = File.ReadAllLines(Path.Combine(real, "MANIFEST.md"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 10 && cells[3] is "rss" or "jsonfeed" or "atom" or "rdf")
            .ToList();
        var parser = new FeedParser();
        var failures = new List<string>();

        // Act
        foreach (var cells in rows)
        {
            var file = cells[1];
            var facts = Facts().Match(cells[10]);
            Assert.True(facts.Success, $"cannot read the facts of {file}: {cells[10]}");
            var feed = parser.Parse(File.ReadAllBytes(Path.Combine(real, file)), new Uri("https://example.org/feed"));
            var expectedCount = int.Parse(facts.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (feed.Items.Count < expectedCount)
            {
                failures.Add($"{file}: {feed.Items.Count} items, manifest says {expectedCount}");
                continue;
            }

            if (feed.Items[0].Title != facts.Groups["title"].Value || feed.Items[0].Link != facts.Groups["link"].Value)
            {
                failures.Add($"{file}: first item \"{feed.Items[0].Title}\" {feed.Items[0].Link}, manifest says \"{facts.Groups["title"].Value}\" {facts.Groups["link"].Value}");
            }
        }

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine($"real/: {rows.Count - failures.Count}/{rows.Count} feeds match their manifest facts");
        Assert.True(rows.Count >= 12, $"only {rows.Count} feed rows found in real/MANIFEST.md");
        Assert.Empty(failures);
    }

    [Fact]
    public void Parse_MetaFeedWithNamespacedRssRoot_FindsAllThreeItems()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("real/meta/engineering_fb_ai_research_feed_trimmed_2026-02.xml");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://engineering.fb.com/feed/"));

        // Assert
        Assert.Equal(3, feed.Items.Count);
        Assert.Equal("RCCLX: Innovating GPU Communications on AMD Platforms", feed.Items[0].Title);
        Assert.Equal("https://engineering.fb.com/?p=23617", feed.Items[0].Id);
        Assert.NotNull(feed.Items[0].ContentHtml);
        Assert.Equal(new DateTimeOffset(2026, 2, 24, 21, 30, 54, TimeSpan.Zero), feed.Items[0].PublishedAt);
    }

    [Fact]
    public void Parse_HuggingFaceJsonFeedWithoutZone_ReadsDatesAsUtc()
    {
        // Arrange
        var path = TestEnvironment.CorpusPath("real/huggingface/hf_blog_jsonfeed_generated_2025-09-30.json");

        // Act
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://huggingface.co/blog/feed.json"));

        // Assert
        Assert.Equal(AiFeed.Model.FeedFormat.JsonFeed, feed.Format);
        Assert.Equal(new DateTimeOffset(2025, 9, 29, 0, 0, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
    }

    [GeneratedRegex("""^(?<count>\d+) (items|entries); first "(?<title>.+?)", (?<link>https?://[^,\s]+)""")]
    private static partial Regex Facts();
}
