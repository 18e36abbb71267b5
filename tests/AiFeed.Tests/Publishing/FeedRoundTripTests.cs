using System.ServiceModel.Syndication;
using System.Xml;
using AiFeed.Ingestion.Parsing;
using AiFeed.Publishing;

namespace AiFeed.Tests.Publishing;

/// <summary>Our three outputs, read back by our own parser and by SyndicationFeed, carry the same posts.</summary>
public sealed class FeedRoundTripTests
{
    private static readonly Uri Self = new("https://aifeed.example/feed");

    private static readonly FeedChannel Channel = new(
        "AiFeed",
        "AI and ML writing",
        new Uri("https://aifeed.example/"),
        Self,
        new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.Zero),
        [
            new FeedEntry(
                FeedEntry.IdOf("a1"), "Scaling laws & “mixture” <experts>", "https://labs.example.org/posts/1?x=1&y=2", "Labs",
                new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.Zero),
                "Ada Lovelace", "A summary with <angle> brackets & ampersands.", "<p>Body with <a href=\"https://x.example/\">a link</a> and ]]> inside.</p>", ["llm", "research"]),
            new FeedEntry(
                FeedEntry.IdOf("b2"), "Ünïcode 🚀 title\u0001", "https://papers.example.org/b", "Papers",
                new DateTimeOffset(2026, 11, 24, 8, 15, 30, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 8, 15, 30, TimeSpan.Zero),
                null, "Only a summary.", null, []),
        ]);

    public static TheoryData<string> Formats => ["rss", "atom", "json"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Output_ReadByOurParser_SamePosts(string format)
    {
        // Arrange
        var document = Write(format);

        // Act
        var parsed = new FeedParser().Parse(document.Body, Self);

        // Assert
        Assert.False(parsed.Recovered);
        Assert.Equal("AiFeed", parsed.Title);
        Assert.Equal(Channel.Entries.Count, parsed.Items.Count);
        for (var i = 0; i < parsed.Items.Count; i++)
        {
            var expected = Channel.Entries[i];
            var item = parsed.Items[i];
            Assert.Equal(expected.Id, item.Id);
            Assert.Equal(expected.Title.Replace("\u0001", "", StringComparison.Ordinal), item.Title);
            Assert.Equal(expected.Url, item.Link);
            Assert.Equal(expected.Published, item.PublishedAt);
            // No author is invented; an Atom entry without one inherits the feed's (RFC 4287 §4.2.1).
            Assert.Equal(expected.Author ?? (format == "atom" ? "AiFeed" : null), item.Author);
            Assert.Equal(expected.Tags, item.Categories);
            if (expected.ContentHtml is not null)
            {
                Assert.Equal(expected.ContentHtml, item.ContentHtml);
            }

            Assert.Contains(expected.Summary, (item.Summary ?? item.ContentHtml)!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    public void Output_ReadBySyndicationFeed_SamePosts(string format)
    {
        // Arrange
        var document = Write(format);

        // Act
        using var reader = XmlReader.Create(new MemoryStream(document.Body));
        var feed = SyndicationFeed.Load(reader);

        // Assert
        var items = feed.Items.ToList();
        Assert.Equal(Channel.Entries.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var expected = Channel.Entries[i];
            Assert.Equal(expected.Id, items[i].Id);
            Assert.Equal(expected.Title.Replace("\u0001", "", StringComparison.Ordinal), items[i].Title.Text);
            Assert.Equal(expected.Url, items[i].Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri);
            Assert.Equal(expected.Published, items[i].PublishDate);
            Assert.Equal(expected.Tags, items[i].Categories.Select(c => c.Name));
            Assert.Equal(expected.Summary, items[i].Summary.Text);
        }

        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri == Self);
    }

    [Fact]
    public void JsonFeed_Fields_FollowVersion11()
    {
        // Act
        var document = JsonFeedWriter.Write(Channel);

        // Assert
        using var json = System.Text.Json.JsonDocument.Parse(document.Body);
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal(Self.AbsoluteUri, root.GetProperty("feed_url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("2026-11-25T12:00:00Z", items[0].GetProperty("date_published").GetString());
        Assert.Equal("Ada Lovelace", items[0].GetProperty("authors")[0].GetProperty("name").GetString());
        // An item without a body still has content, as the spec requires.
        Assert.Equal("Only a summary.", items[1].GetProperty("content_text").GetString());
    }

    [Fact]
    public void Write_SameChannelTwice_SameStrongETag()
    {
        // Act
        var first = SyndicationWriter.WriteAtom(Channel);
        var second = SyndicationWriter.WriteAtom(Channel);
        var other = SyndicationWriter.WriteAtom(Channel with { Entries = Channel.Entries.Take(1).ToList() });

        // Assert
        Assert.Equal(first.ETag, second.ETag);
        Assert.NotEqual(first.ETag, other.ETag);
        Assert.StartsWith("\"", first.ETag, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.Zero), first.LastModified);
    }

    private static PublishedDocument Write(string format) => format switch
    {
        "rss" => SyndicationWriter.WriteRss(Channel),
        "atom" => SyndicationWriter.WriteAtom(Channel),
        _ => JsonFeedWriter.Write(Channel),
    };
}
