using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiFeed.BrowserTests;

/// <summary>The launch-day newsletter in headless chromium: the e-mail HTML as a mail client's web view would show it, and its web page.</summary>
public sealed class NewsletterBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Subject =
        "Learn about Positional Encodings from our LLM study plan. Today's problem: Binary Cross-Entropy Loss (Easy). Plus: AI & ML Blog Feed spotlight.";

    [Theory]
    [InlineData(ColorScheme.Light, "light", "rgb(244, 245, 247)", "rgb(255, 255, 255)")]
    [InlineData(ColorScheme.Dark, "dark", "rgb(17, 20, 24)", "rgb(27, 31, 36)")]
    public async Task EmailHtml_LaunchDay_RendersSelfContainedWithScreenshot(ColorScheme scheme, string name, string page, string card)
    {
        // Arrange
        await using var session = await fixture.OpenAsync(scheme);

        // Act
        var response = await session.Page.GotoAsync("/api/newsletter/2026-11-26?format=html");

        // Assert
        Assert.Equal(200, response!.Status);
        await Expect(session.Page).ToHaveTitleAsync(Subject);
        await Expect(session.Page.Locator("h2").First).ToHaveTextAsync("Positional Encodings");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "labs post 2" })).ToHaveAttributeAsync("href", "https://labs.example.org/posts/2");
        Assert.Equal(page, await session.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        Assert.Equal(card, await session.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.nl-card')).backgroundColor"));
        Assert.True(await session.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, $"newsletter-email-{name}");
        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }

    [Fact]
    public async Task EmailHtml_PhoneWidth_NoSidewaysScrollWithScreenshot()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        await session.Page.SetViewportSizeAsync(375, 812);

        // Act
        await session.Page.GotoAsync("/api/newsletter/2026-11-26?format=html");

        // Assert
        Assert.True(await session.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, "newsletter-email-phone");
        Assert.Empty(session.ForeignRequests);
    }

    [Fact]
    public async Task WebPage_FromArchive_ShowsIssueWithScreenshot()
    {
        // Arrange: the fixture composed the day's issue, as the schedule does.
        await using var session = await fixture.OpenAsync();

        // Act
        await session.Page.GotoAsync("/");
        await session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Newsletter" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Thursday, 26 November 2026" }).ClickAsync();

        // Assert
        await Expect(session.Page.Locator("h1")).ToHaveTextAsync(Subject);
        await Expect(session.Page.Locator("#problem")).ToHaveTextAsync("Binary Cross-Entropy Loss");
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, "newsletter-page");
        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }
}
