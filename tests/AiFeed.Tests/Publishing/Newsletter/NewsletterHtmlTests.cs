using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>The e-mail HTML through an HTML parser: well-formed, self-contained, dark-mode safe, links only to us and the posts.</summary>
public sealed class NewsletterHtmlTests : NewsletterTests
{
    private static readonly string[] Fetching = ["script", "link", "img", "iframe", "frame", "object", "embed", "video", "audio", "source", "picture", "svg", "base", "form", "meta[http-equiv]"];

    [Fact]
    public async Task Html_Parsed_NoExternalResourcesAndOnlyLinksToSiteAndPosts()
    {
        // Arrange: ordinary posts and one whose feed tries markup in every field.
        LabsItems.AddRange([Post("labs", 1, LaunchMorning.AddHours(-2)), Post("labs", 2, LaunchMorning.AddHours(-3))]);
        PapersItems.Add(new Item(
            "<script>alert(1)</script><img src=https://tracker.example.net/p.gif> Hostile & \"quoted\"",
            "https://papers.example.org/posts/h?utm_source=x",
            Published: LaunchMorning.AddHours(-1.5),
            Description: "<img src=\"https://tracker.example.net/pixel.gif\"><style>@import url(https://evil.example.net/x.css)</style> summary"));
        await using var run = Start(LaunchMorning, ("Newsletter:SiteUrl", "https://aifeed.example.com"));
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");

        // Act
        var html = await run.BodyAsync("2026-11-26", "html");
        var errors = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = false });
        parser.Error += (_, e) => errors.Add(((AngleSharp.Html.Dom.Events.HtmlErrorEvent)e).Message);
        using var document = parser.ParseDocument(html);

        // Assert: the parser accepted it without a single error.
        Assert.Empty(errors);
        Assert.Equal(LaunchSubject, document.Title);
        foreach (var selector in Fetching)
        {
            Assert.Empty(document.QuerySelectorAll(selector));
        }

        Assert.DoesNotContain(document.All, e => e.HasAttribute("src") || e.HasAttribute("srcset") || e.HasAttribute("background") || e.HasAttribute("poster"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.All(document.All.Select(e => e.GetAttribute("style") ?? ""), style => Assert.DoesNotContain("url(", style, StringComparison.OrdinalIgnoreCase));
        var css = Assert.Single(document.QuerySelectorAll("style")).TextContent;
        Assert.DoesNotContain("url(", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", css, StringComparison.OrdinalIgnoreCase);

        var hosts = document.QuerySelectorAll("a").Select(a => new Uri(a.GetAttribute("href")!, UriKind.Absolute)).ToList();
        Assert.All(hosts, uri => Assert.Equal(Uri.UriSchemeHttps, uri.Scheme));
        Assert.Equal(["aifeed.example.com", "labs.example.org", "papers.example.org"], hosts.Select(u => u.Host).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(hosts, u => u.AbsoluteUri == "https://aifeed.example.com/learn/positional-encodings");
        Assert.Contains(hosts, u => u.AbsoluteUri == "https://aifeed.example.com/problems/binary-cross-entropy");
        Assert.Contains("Hostile & \"quoted\"", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example.net", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_Parsed_EmailLayoutWithExplicitColoursAndPreheader()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");

        // Act
        var html = await run.BodyAsync("2026-11-26", "html");
        using var document = new HtmlParser().ParseDocument(html);

        // Assert
        Assert.Equal("light dark", document.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content"));
        Assert.Equal("light dark", document.QuerySelector("meta[name=supported-color-schemes]")?.GetAttribute("content"));
        Assert.All(document.QuerySelectorAll("table"), t => Assert.Equal("presentation", t.GetAttribute("role")));
        Assert.Contains("prefers-color-scheme: dark", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        var body = document.Body!.GetAttribute("style")!;
        Assert.Contains("background-color:#f4f5f7", body, StringComparison.Ordinal);
        Assert.Contains("color:#1b1f24", body, StringComparison.Ordinal);
        // Every piece of text sits in an element that states its own colour, so a client that recolours
        // backgrounds cannot leave dark text on a dark card.
        var texts = document.Body.Descendants<IText>().Where(t => !string.IsNullOrWhiteSpace(t.Data)).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Matches("(^|;)color:#[0-9a-f]{6}", t.ParentElement!.GetAttribute("style") ?? ""));
        var preheader = document.Body.FirstElementChild!;
        Assert.Contains("display:none", preheader.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal(issue.GetProperty("preheader").GetString(), preheader.TextContent);
        Assert.Contains("Read the full lesson", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("labs post 1", document.QuerySelector("a[href='https://labs.example.org/posts/1']")?.TextContent);
    }
}
