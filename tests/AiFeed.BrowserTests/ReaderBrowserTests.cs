using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiFeed.BrowserTests;

/// <summary>The reader pages in headless chromium, against posts polled from loopback feeds.</summary>
public sealed partial class ReaderBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task Home_Loads_NewestStoriesWithDatesTagsAndScreenshot(ColorScheme scheme, string name)
    {
        // Arrange
        await using var session = await fixture.OpenAsync(scheme);
        var page = session.Page;

        // Act
        await page.GotoAsync("/");

        // Assert
        var entries = page.Locator("[data-entry]");
        await Expect(entries).ToHaveCountAsync(30);
        await Expect(entries.First.Locator("h2 a")).ToHaveTextAsync("labs post 0");
        await Expect(entries.First.Locator("h2 a")).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(entries.First.Locator("time")).ToHaveAttributeAsync("datetime", "2026-11-26T06:00:00Z");
        await Expect(entries.First.Locator(".tags")).ToContainTextAsync("#llm");
        await Expect(page.Locator("link[rel=alternate]")).ToHaveCountAsync(3);
        Assert.Equal(name == "dark" ? "rgb(18, 20, 23)" : "rgb(255, 255, 255)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, $"home-{name}");
        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }

    [Fact]
    public async Task Home_PostsWithPictures_ThumbnailsLoadedThroughProxy()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;

        // Act
        await page.GotoAsync("/");
        var thumbs = page.Locator("[data-entry] img.thumb");

        // Assert: labs posts 0, 3, 6, … have pictures; every one loads from our own origin.
        Assert.True(await thumbs.CountAsync() >= 8);
        foreach (var thumb in await thumbs.AllAsync())
        {
            await Expect(thumb).ToHaveAttributeAsync("src", ProxiedImage());
            // Lazy images load only once they come near the viewport: a jump to the last one skips those between.
            await thumb.ScrollIntoViewIfNeededAsync();
            await Expect(thumb).ToHaveJSPropertyAsync("complete", true);
            Assert.Equal(160, await thumb.EvaluateAsync<int>("i => i.naturalWidth"));
        }

        Assert.Empty(session.ForeignRequests);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Home_PhoneViewport_NoSidewaysScrollAndScreenshot()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);

        // Act
        await page.GotoAsync("/");

        // Assert
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Expect(page.Locator("#q")).ToBeVisibleAsync();
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, "home-phone");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Home_FilterByTagThenSource_OnlyMatchingStories()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        // Act: several filters through the form, then one through a source link.
        await page.GetByText("Filter by source and tag").ClickAsync();
        await page.GetByLabel("papers", new() { Exact = true }).CheckAsync();
        await session.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync(), TagPapers());
        var byTag = await page.Locator("[data-entry] h2").AllInnerTextsAsync();
        await session.FollowAsync(() => page.Locator("[data-entry] a.source").First.ClickAsync(), SourcePapers());
        var bySource = await page.Locator("[data-entry] h2").AllInnerTextsAsync();

        // Assert
        Assert.Equal(10, byTag.Count);
        Assert.All(byTag, t => Assert.StartsWith("papers post", t, StringComparison.Ordinal));
        Assert.Equal(byTag, bySource);
        await Expect(page.Locator(".chips")).ToContainTextAsync("Source: Paper Digest");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Home_SlashThenSearch_FocusesSearchAndFindsPosts()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        // Act
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#q")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("post 17");
        await session.FollowAsync(() => page.Keyboard.PressAsync("Enter"), SearchUrl());

        // Assert
        var titles = await page.Locator("[data-entry] h2").AllInnerTextsAsync();
        Assert.Equal(["labs post 17"], titles);
        await Expect(page.Locator("#q")).ToHaveValueAsync("post 17");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Home_Older_NextPageThenNewest()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        var first = await page.Locator("[data-entry] h2").AllInnerTextsAsync();

        // Act
        await session.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync(), CursorUrl());
        var second = await page.Locator("[data-entry] h2").AllInnerTextsAsync();

        // Assert
        Assert.Equal(30, first.Count);
        Assert.Equal(21, second.Count);
        Assert.Empty(first.Intersect(second));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();
        await Expect(page.Locator("[data-entry] h2").First).ToHaveTextAsync(first[0]);
    }

    [Fact]
    public async Task Home_JKAndO_MoveSelectionAndOpenOriginal()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        var entries = page.Locator("[data-entry]");

        // Act
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Expect(entries.Nth(1)).ToHaveClassAsync(Selected());
        await page.Keyboard.PressAsync("k");
        var popup = session.Context.WaitForPageAsync();
        await page.Keyboard.PressAsync("o");
        var opened = await popup;

        // Assert
        await Expect(entries.Nth(0)).ToHaveClassAsync(Selected());
        await Expect(entries.Nth(0)).ToBeFocusedAsync();
        await Expect(entries.Nth(1)).Not.ToHaveClassAsync(Selected());
        Assert.Equal("https://labs.example.org/posts/0", opened.Url);
        Assert.Equal(["https://labs.example.org/posts/0"], session.ForeignRequests);
        // Opened without a handle back to us (noopener): the new page has no opener.
        Assert.True(await opened.EvaluateAsync<bool>("window.opener === null"));
        Assert.Empty(session.ConsoleErrors);
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task Sources_FromNav_StatusesAndScreenshot(ColorScheme scheme, string name)
    {
        // Arrange
        await using var session = await fixture.OpenAsync(scheme);
        var page = session.Page;
        await page.GotoAsync("/");

        // Act
        await session.FollowAsync(() => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sources" }).ClickAsync(), SourcesUrl());

        // Assert
        await Expect(page.Locator("table.sources tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#source-labs .status")).ToHaveTextAsync("ok");
        await Expect(page.Locator("#source-labs")).ToContainTextAsync("read the feed: 40 items");
        await Expect(page.Locator("#source-gone .status")).ToHaveTextAsync("degraded");
        await Expect(page.Locator("#source-gone .error")).ToContainTextAsync("The feed address no longer exists.");
        await session.ScreenshotAsync(fixture.ArtifactsDirectory, $"sources-{name}");
        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }

    [Fact]
    public async Task ThemeToggle_Click_DarkAndRemembered()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/sources");

        // Act
        await page.Locator("#theme-toggle").ClickAsync();
        await page.ReloadAsync();

        // Assert
        Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        await Expect(page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal("rgb(18, 20, 23)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
    }

    [Fact]
    public async Task HostilePost_HomeAndPostPage_RunNothing()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;

        // Act
        await page.GotoAsync("/?source=hostile");
        var entry = page.Locator("[data-entry]");
        await Expect(entry).ToHaveCountAsync(1);
        await session.FollowAsync(() => entry.GetByRole(AriaRole.Link, new() { NameRegex = ReadHere() }).ClickAsync(), PostUrl());
        await page.Locator(".content p").Last.ClickAsync();
        await page.Locator(".content").HoverAsync();
        var links = await page.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href') || '')");

        // Assert
        await Expect(page.Locator(".content")).ToContainTextAsync("Safe paragraph survives.");
        Assert.Equal(0, await page.Locator("script:not([src]), iframe, svg, [onerror], [onload], [onclick]").CountAsync());
        // The one image is there, through AiFeed's proxy, and loaded.
        var image = page.Locator(".content img");
        await Expect(image).ToHaveAttributeAsync("src", ProxiedImage());
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("i => i.naturalWidth") > 0);
        Assert.DoesNotContain(links, href => href.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(session.Dialogs);
        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(session.ForeignRequests);
    }

    [GeneratedRegex(@"[?&]tag=papers$")]
    private static partial Regex TagPapers();

    [GeneratedRegex(@"\?source=papers$")]
    private static partial Regex SourcePapers();

    [GeneratedRegex(@"\?q=post(\+|%20)17(&|$)")]
    private static partial Regex SearchUrl();

    [GeneratedRegex(@"\?cursor=")]
    private static partial Regex CursorUrl();

    [GeneratedRegex(@"/sources$")]
    private static partial Regex SourcesUrl();

    [GeneratedRegex(@"/post/[0-9a-f]+$")]
    private static partial Regex PostUrl();

    [GeneratedRegex(@"\bselected\b")]
    private static partial Regex Selected();

    [GeneratedRegex("^/images/[0-9a-f]+/[0-9a-f]{24}$")]
    private static partial Regex ProxiedImage();

    [GeneratedRegex("^Read here")]
    private static partial Regex ReadHere();
}
