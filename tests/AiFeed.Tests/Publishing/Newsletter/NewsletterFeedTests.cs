using System.Net;
using System.Xml.Linq;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>/newsletter/feed.xml: the archive as RSS, from the frozen issues only.</summary>
public sealed class NewsletterFeedTests : NewsletterTests
{
    [Fact]
    public async Task Feed_TwoIssues_NewestFirstWithLinksSummariesAndTheIssueAsContent()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = Start(LaunchMorning, ("Newsletter:SiteUrl", "https://news.example.com/"));
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");
        run.App.Clock.Advance(TimeSpan.FromDays(1));
        await run.ComposeAsync("2026-11-27");

        // Act
        using var response = await run.Client.GetAsync("/newsletter/feed.xml", Ct);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var items = feed.Descendants("item").ToList();
        Assert.Equal(["https://news.example.com/newsletter/2026-11-27", "https://news.example.com/newsletter/2026-11-26"], items.Select(i => i.Element("link")?.Value));
        Assert.Equal(["urn:aifeed:newsletter:2026-11-27", "urn:aifeed:newsletter:2026-11-26"], items.Select(i => i.Element("guid")?.Value));
        Assert.Equal(LaunchSubject, items[1].Element("title")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(items[1].Element("description")?.Value));
        var content = items[1].Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))?.Value;
        Assert.Contains("labs post 1", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<body", content, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Feed_NoIssues_EmptyChannelAndNothingComposed()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();

        // Act
        var feed = XDocument.Parse(await run.Client.GetStringAsync("/newsletter/feed.xml", Ct));

        // Assert
        Assert.Empty(feed.Descendants("item"));
        Assert.Equal("AiFeed Daily", feed.Descendants("channel").Single().Element("title")?.Value);
        Assert.Equal("{\"items\":[]}", await run.Client.GetStringAsync("/api/newsletter", Ct));
    }
}
