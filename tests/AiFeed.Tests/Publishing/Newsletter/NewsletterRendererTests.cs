using AiFeed.Publishing.Newsletter;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>The Markdown and text renderers on a hand-built issue: escaping, wrapping and determinism.</summary>
public sealed class NewsletterRendererTests
{
    private static NewsletterIssue Issue(params NewsletterPost[] posts) => new(
        new DateOnly(2026, 11, 26),
        1,
        new DateTime(2026, 11, 26, 7, 0, 0, DateTimeKind.Utc),
        new NewsletterWindow(new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 26, 7, 0, 0, DateTimeKind.Utc)),
        "Asia/Tokyo",
        "Subject line",
        "Preheader line",
        "https://aifeed.example.com/newsletter/2026-11-26",
        new NewsletterLesson("Positional Encodings", "Tokenization & Embeddings", "Order matters.", "https://aifeed.example.com/learn/positional-encodings"),
        new NewsletterProblem("Binary Cross-Entropy Loss", "Easy", "Compute the loss.", "https://aifeed.example.com/problems/binary-cross-entropy"),
        new NewsletterSpotlight("AI & ML Blog Feed", "The feed.", "https://aifeed.example.com/feed.xml", "https://aifeed.example.com/", 2, posts.Length, SpotlightStatus.Normal, null,
            [new SourceTally("labs", "Labs Weekly", 12, "https://labs.example.org/")]),
        posts);

    [Fact]
    public void Markdown_HostileTitleAndSummary_EscapedNotMarkup()
    {
        // Arrange
        var issue = Issue(new NewsletterPost(
            "[click](javascript:alert(1)) *bold* <b>x</b>", "https://labs.example.org/a(b)", "Labs Weekly",
            new DateTime(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc), "# not a heading | nor a table", ["Paper Digest"]));

        // Act
        var md = NewsletterMarkdownRenderer.Render(issue);

        // Assert
        Assert.Contains("**[\\[click\\](javascript:alert(1)) \\*bold\\* \\<b\\>x\\</b\\>](<https://labs.example.org/a(b)>)**", md, StringComparison.Ordinal);
        Assert.Contains("   \\# not a heading \\| nor a table", md, StringComparison.Ordinal);
        // 20:00 UTC on the 25th is the 26th in Tokyo: dates print in the issue's zone.
        Assert.Contains("Labs Weekly · 26 Nov 2026 · also in Paper Digest", md, StringComparison.Ordinal);
        Assert.Contains("[Try it](https://aifeed.example.com/problems/binary-cross-entropy)", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024. A year in review", "2024\\. A year in review")]
    [InlineData("- dash first", "\\- dash first")]
    [InlineData("plain words, a-b", "plain words, a-b")]
    public void MarkdownEscape_LineStarts_OnlyWhatWouldBecomeABlock(string text, string expected) =>
        Assert.Equal(expected, NewsletterMarkdownRenderer.Escape(text));

    [Fact]
    public void Text_LongSummary_WrappedAt72WithLinksWhole()
    {
        // Arrange
        var summary = string.Join(' ', Enumerable.Repeat("attention", 40));
        var issue = Issue(new NewsletterPost("A post", "https://labs.example.org/" + new string('p', 90), "Labs Weekly", new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc), summary, []));

        // Act
        var text = NewsletterTextRenderer.Render(issue);

        // Assert
        var lines = text.Split('\n');
        Assert.All(lines.Where(l => !l.Contains("https://", StringComparison.Ordinal)), l => Assert.True(l.Length <= 72, l));
        Assert.Contains("   https://labs.example.org/" + new string('p', 90), lines);
        Assert.Contains("  * Labs Weekly: 12 posts", lines);
    }

    [Fact]
    public void Renderers_SameIssueTwice_SameBytes()
    {
        // Arrange
        var issue = Issue(new NewsletterPost("A post", "https://labs.example.org/1", "Labs Weekly", new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc), "Summary.", []));

        // Act
        var first = (NewsletterHtmlRenderer.Render(issue), NewsletterMarkdownRenderer.Render(issue), NewsletterTextRenderer.Render(issue), NewsletterJson.Render(issue));
        var again = NewsletterJson.Read(first.Item4);

        // Assert
        Assert.Equal(first, (NewsletterHtmlRenderer.Render(again), NewsletterMarkdownRenderer.Render(again), NewsletterTextRenderer.Render(again), NewsletterJson.Render(again)));
    }
}
