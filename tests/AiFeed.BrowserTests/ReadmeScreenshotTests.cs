using AiFeed.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiFeed.BrowserTests;

/// <summary>
/// The README's pictures of the reader: the home page with thumbnails and read state, light and dark,
/// desktop and phone, at a fixed clock so they only change when the page does. Every run writes them
/// to the artifacts folder; with AIFEED_UPDATE_SCREENSHOTS=1 they also replace docs/images/.
/// </summary>
public sealed class ReadmeScreenshotTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public const string UpdateVariable = "AIFEED_UPDATE_SCREENSHOTS";

    public static TheoryData<string, ColorScheme, int, int> Shots => new()
    {
        { "home-light", ColorScheme.Light, 1200, 900 },
        { "home-dark", ColorScheme.Dark, 1200, 900 },
        { "phone-light", ColorScheme.Light, 390, 844 },
        { "phone-dark", ColorScheme.Dark, 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Shots))]
    public async Task Home_ReturningReader_ScreenshotWithThumbnailsAndReadState(string name, ColorScheme scheme, int width, int height)
    {
        // Arrange: two hours after the newest post, a reader whose last visit was five hours before it.
        await using var session = await fixture.OpenAsync(scheme);
        var page = session.Page;
        await page.Clock.SetFixedTimeAsync(BrowserFixture.Newest.AddHours(2).UtcDateTime);
        await page.GotoAsync("/");
        await page.EvaluateAsync($"localStorage.setItem('aifeed-last-visit', '{BrowserFixture.Newest.AddHours(-5).ToUnixTimeMilliseconds()}')");
        await page.EvaluateAsync("sessionStorage.clear()");
        await page.ReloadAsync();

        // Act: one post read, one saved, the first selected with j.
        // Clicked without scrolling: scrolling the first posts past the top would read them.
        await page.Locator("[data-entry]").Nth(1).Locator("[data-toggle-read]").DispatchEventAsync("click");
        await page.Locator("[data-entry]").Nth(3).Locator("[data-toggle-save]").DispatchEventAsync("click");
        await page.Mouse.MoveAsync(0, 0);
        await page.Keyboard.PressAsync("j");
        // Resized only now: on a phone the clicks above would scroll the first posts past the top, which reads them.
        await page.SetViewportSizeAsync(width, height);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        // Not by scrolling to them: scrolling past a post marks it read.
        await page.EvaluateAsync("() => Promise.all([...document.querySelectorAll('img.thumb')].filter(i => i.getBoundingClientRect().top < innerHeight)" +
            ".map(i => i.complete ? 0 : new Promise(done => { i.onload = done; i.onerror = done; })))");
        var path = Path.Combine(fixture.ArtifactsDirectory, $"readme-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });

        // Assert
        await Expect(page.Locator("[data-new-count]")).ToHaveTextAsync(NewSince());
        await Expect(page.Locator("[data-entry].read")).ToHaveCountAsync(1);
        Assert.True(new FileInfo(path).Length > 10_000);
        Assert.Empty(session.ForeignRequests);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var images = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(path, Path.Combine(images, $"reader-{name}.png"), overwrite: true);
        }
    }

    private static System.Text.RegularExpressions.Regex NewSince() => new(@"^\d+ new since your last visit$");
}
