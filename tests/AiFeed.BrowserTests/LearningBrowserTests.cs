using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiFeed.BrowserTests;

/// <summary>
/// The study plan's pages in headless chromium under their real Content-Security-Policy: Python
/// runs in the page (Pyodide in a Web Worker, served by AiFeed), math in the shipped font, pictures
/// in the chosen theme.
/// </summary>
public sealed class LearningBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // Loading Pyodide (about 12 MB from loopback) and starting CPython takes seconds, more on a busy machine.
    private static readonly LocatorAssertionsToContainTextOptions PythonTimeout = new() { Timeout = 180_000 };

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task Problem_ReferencePythonRunInThePage_PassesEveryCase(ColorScheme scheme, string name)
    {
        // Arrange
        await using var session = await OpenProblemWithPythonAsync("binary-cross-entropy", scheme);
        var page = session.Page;
        var python = await ReferencePythonAsync(page, "binary-cross-entropy");

        // Act
        await page.Locator("#code").FillAsync(python);
        await page.Locator("#run-submit").ClickAsync();

        // Assert: every example matches in the page, and the server grades all cases of the seed.
        var verdict = page.Locator("#verdict");
        await Expect(verdict).ToContainTextAsync("cases pass", PythonTimeout);
        var seed = await page.Locator("#seed").InputValueAsync();
        await Expect(verdict.Locator("p").First).ToHaveTextAsync($"Seed {seed}: 12 of 12 cases pass");
        await Expect(page.Locator("#run-results tbody tr")).ToHaveCountAsync(12);
        await Expect(page.Locator("#run-results tbody tr:has-text('matches')")).ToHaveCountAsync(4);
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, $"problem-python-{name}");
        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }

    [Fact]
    public async Task Problem_StarterPython_ShowsExpectedAndGotPerExample()
    {
        // Arrange: the starter returns 0.0 for every case.
        await using var session = await OpenProblemWithPythonAsync("binary-cross-entropy");
        var page = session.Page;

        // Act
        await page.Locator("#run-public").ClickAsync();

        // Assert
        var rows = page.Locator("#run-results tbody tr");
        await Expect(page.Locator("#run-results")).ToContainTextAsync("differs", PythonTimeout);
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.First).ToContainTextAsync("example-1");
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync("0.1643");
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("0.0");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("differs");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Problem_PythonRaises_ShowsTheTracebackAndSubmitsNothing()
    {
        // Arrange
        await using var session = await OpenProblemWithPythonAsync("softmax");
        var page = session.Page;
        await page.Locator("#code").FillAsync("def softmax(x):\n    print('working on', len(x))\n    return 1 / 0\n");

        // Act
        await page.Locator("#run-submit").ClickAsync();

        // Assert
        await Expect(page.Locator("#verdict")).ToContainTextAsync("raised an error; fix them before submitting", PythonTimeout);
        await Expect(page.Locator("#run-results td.traceback").First).ToContainTextAsync("ZeroDivisionError");
        await Expect(page.Locator("#python-output")).ToContainTextAsync("working on 3");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Problem_SeedEditedAfterFetching_GradesTheNewSeedsInputs()
    {
        // Arrange: inputs fetched for seed 5, then the seed box is changed to 6.
        await using var session = await OpenProblemWithPythonAsync("cosine-similarity");
        var page = session.Page;
        await page.Locator("#seed").FillAsync("5");
        await page.Locator("#tests-form button").ClickAsync();
        await Expect(page.Locator("#cases")).ToContainTextAsync("all inputs of seed 5");
        await page.Locator("#seed").FillAsync("6");
        await page.Locator("#code").FillAsync(await ReferencePythonAsync(page, "cosine-similarity"));

        // Act
        await page.Locator("#run-submit").ClickAsync();

        // Assert
        await Expect(page.Locator("#verdict p").First).ToHaveTextAsync("Seed 6: 11 of 11 cases pass", new() { Timeout = 180_000 });
        await Expect(page.Locator("#cases")).ToContainTextAsync("all inputs of seed 6");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Problem_PastedAnswersWithOverflow_AreNamedByTheGrader()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/problems/softmax");
        await page.Locator("#tests-form button").ClickAsync();
        await Expect(page.Locator("#cases")).ToContainTextAsync("all inputs of seed");
        await page.Locator("details.any-language summary").ClickAsync();

        // Act
        await page.Locator("#answers").FillAsync("[1e400]");
        await page.Locator("#submit-form button").ClickAsync();

        // Assert
        await Expect(page.Locator("#verdict")).ToContainTextAsync("answers: expected 11 answers");
        await page.Locator("#answers").FillAsync("[[0.09, 0.2447, 0.6652], 1e400" + string.Concat(Enumerable.Repeat(", 1", 9)) + "]");
        await page.Locator("#submit-form button").ClickAsync();
        await Expect(page.Locator("#verdict")).ToContainTextAsync("answers[1]: 1e400 overflows a double");
        Assert.All(session.ConsoleErrors, e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task Lesson_MathFontPicturesAndWayBack_FollowTheTheme(ColorScheme scheme, string name)
    {
        // Arrange
        await using var session = await fixture.OpenAsync(scheme);
        var page = session.Page;

        // Act
        await page.GotoAsync("/learn/positional-encodings");
        await page.EvaluateAsync("document.fonts.ready");

        // Assert: MathML is set in the shipped Noto Sans Math, loaded from AiFeed.
        Assert.True(await page.EvaluateAsync<bool>("document.fonts.check('16px \"Noto Sans Math\"')"));
        Assert.Contains("Noto Sans Math", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('math')).fontFamily"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("[...document.fonts].some(f => f.family.includes('Noto Sans Math') && f.status === 'loaded')"));
        await Expect(page.Locator("header.site-header a.brand")).ToHaveAttributeAsync("href", "/");
        await Expect(page.Locator("nav.breadcrumb a").First).ToHaveTextAsync("← Feed");
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, $"lesson-{name}");

        // Act: the reader picks the other theme; the pictures follow.
        await page.Locator("#theme-toggle").ClickAsync();

        // Assert
        var other = name == "dark" ? "light" : "dark";
        var pictures = page.Locator("img[src^='/api/learning/']");
        Assert.True(await pictures.CountAsync() > 0);
        foreach (var picture in await pictures.AllAsync())
        {
            Assert.Contains($"theme={other}", await picture.GetAttributeAsync("src"), StringComparison.Ordinal);
        }

        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }

    private async Task<BrowserSession> OpenProblemWithPythonAsync(string slug, ColorScheme scheme = ColorScheme.Light)
    {
        var session = await fixture.OpenAsync(scheme);
        await session.Page.GotoAsync($"/problems/{slug}");
        if (await session.Page.Locator("#attempt-section").GetAttributeAsync("data-worker") is not { Length: > 0 })
        {
            await session.DisposeAsync();
            AiFeed.Tests.Infrastructure.TestEnvironment.SkipOrFail("this build has no Pyodide (npm was missing when it was built); install Node.js and npm and rebuild to run the Python browser tests");
        }

        return session;
    }

    private static async Task<string> ReferencePythonAsync(IPage page, string slug)
    {
        var json = await page.EvaluateAsync<string>($"fetch('/api/learning/problems/{slug}/solution').then(r => r.text())");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("code").GetProperty("python").GetString()!;
    }
}
