using System.Text;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AiFeed.BrowserTests;

/// <summary>
/// axe-core (the npm package, bundled into the test output by Axe.targets, injected by the test:
/// nothing from a CDN) on the reader's pages, light and dark: no serious or critical violation.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    public static TheoryData<string, ColorScheme> Pages => new()
    {
        { "/", ColorScheme.Light },
        { "/", ColorScheme.Dark },
        { "/?q=post", ColorScheme.Light },
        { "/?q=post", ColorScheme.Dark },
        { "/?tag=papers", ColorScheme.Dark },
        { "/sources", ColorScheme.Light },
        { "/sources", ColorScheme.Dark },
        { "/saved", ColorScheme.Light },
        { "/saved", ColorScheme.Dark },
        { "/no-such-page", ColorScheme.Light },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Axe_NoSeriousOrCriticalViolations(string path, ColorScheme scheme)
    {
        // Arrange
        if (!File.Exists(AxePath))
        {
            TestEnvironment.SkipOrFail($"axe-core is not bundled at {AxePath}; install npm and rebuild (Axe.targets runs 'npm ci') to run the accessibility tests");
        }

        await using var session = await fixture.OpenAsync(scheme);
        var page = session.Page;
        await page.GotoAsync(path);
        // Read state on: the page as a returning reader sees it (new marks, a read post, a saved one).
        if (path == "/")
        {
            await page.Locator("[data-entry]").Nth(1).Locator("[data-toggle-read]").ClickAsync();
            await page.Locator("[data-entry]").Nth(2).Locator("[data-toggle-save]").ClickAsync();
        }

        // Act: evaluated through the DevTools protocol, which the page's CSP (no inline script) does not govern.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath, TestContext.Current.CancellationToken));
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { resultTypes: ['violations'] }); return { version: axe.version, passed: r.passes.length, " +
            "violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })) }; }");

        // Assert: axe ran (the pinned version, its rules passing somewhere), and found nothing serious.
        Assert.Equal("4.14.1", json.GetProperty("version").GetString());
        Assert.True(json.GetProperty("passed").GetInt32() > 10);
        var serious = json.GetProperty("violations").EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, Describe(serious));
        Assert.Empty(session.ForeignRequests);
    }

    private static string Describe(List<JsonElement> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{violation.GetProperty("impact").GetString()} {violation.GetProperty("id").GetString()}: {violation.GetProperty("help").GetString()}");
            foreach (var node in violation.GetProperty("nodes").EnumerateArray().Take(5))
            {
                text.AppendLine("  " + node.GetString());
            }
        }

        return text.ToString();
    }
}
