using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiFeed.BrowserTests;

/// <summary>
/// What a daily reader keeps in the browser (read marks, saved posts, the last visit, export and
/// import), the keyboard shortcuts for it, local dates, the phone header and the error pages.
/// </summary>
public sealed partial class ReaderStateBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ReadState_MarkWithMAndOpen_KeptAfterReloadAndHidden()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        var entries = page.Locator("[data-entry]");

        // Act: m on the first post; the second opened on its site by its title.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("m");
        var popup = session.Context.WaitForPageAsync();
        await entries.Nth(1).Locator("a[data-open]").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await (await popup).CloseAsync();
        await page.ReloadAsync();
        var third = await entries.Nth(2).Locator("h2").InnerTextAsync();

        // Assert
        await Expect(entries.Nth(0)).ToHaveClassAsync(Read());
        await Expect(entries.Nth(1)).ToHaveClassAsync(Read());
        await Expect(entries.Nth(2)).Not.ToHaveClassAsync(Read());
        await Expect(entries.Nth(0).Locator("[data-toggle-read]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide read" }).ClickAsync();
        await Expect(page.Locator("[data-entry]:visible").First.Locator("h2")).ToHaveTextAsync(third);
        Assert.Equal(28, await page.Locator("[data-entry]:visible").CountAsync());
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task ReadState_ShiftA_MarksEveryPostOnThePage()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        // Act
        await page.Keyboard.PressAsync("Shift+A");

        // Assert
        Assert.Equal(30, await page.Locator("[data-entry].read").CountAsync());
        Assert.Equal(30, await page.EvaluateAsync<int>("Object.keys(JSON.parse(localStorage.getItem('aifeed-read'))).length"));
    }

    [Fact]
    public async Task NewSinceLastVisit_SecondVisit_CountsNewerPosts()
    {
        // Arrange: the last visit was at 01:30 UTC; ten of the posts on the page are newer.
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-new-count]")).ToBeEmptyAsync();
        await page.EvaluateAsync("localStorage.setItem('aifeed-last-visit', String(Date.parse('2026-11-26T01:30:00Z')))");

        // Act: a new tab is a new visit.
        var next = await session.Context.NewPageAsync();
        await next.GotoAsync("/");

        // Assert
        await Expect(next.Locator("[data-new-count]")).ToHaveTextAsync("10 new since your last visit");
        Assert.Equal(10, await next.Locator("[data-entry].new").CountAsync());
    }

    [Fact]
    public async Task Saved_PressS_ListedOnSavedPageThenRemoved()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        var title = await page.Locator("[data-entry] h2").Nth(2).InnerTextAsync();
        var url = await page.Locator("[data-entry] h2 a").Nth(2).GetAttributeAsync("href");

        // Act
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("s");
        await Expect(page.Locator("[data-entry]").Nth(2).Locator("[data-toggle-save]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("g");
        await session.FollowAsync(() => page.Keyboard.PressAsync("s"), SavedUrl());

        // Assert
        var saved = page.Locator("[data-saved-list] [data-entry]");
        await Expect(saved).ToHaveCountAsync(1);
        await Expect(saved.Locator("h2 a")).ToHaveTextAsync(title);
        await Expect(saved.Locator("h2 a")).ToHaveAttributeAsync("href", url!);
        await saved.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(saved).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-saved-empty]")).ToBeVisibleAsync();
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task ExportThenImport_InAnotherBrowser_SavedAndReadRestored()
    {
        // Arrange: one browser saves a post and reads another, then exports.
        await using var first = await fixture.OpenAsync();
        await first.Page.GotoAsync("/");
        await first.Page.Locator("[data-entry]").Nth(0).Locator("[data-toggle-save]").ClickAsync();
        await first.Page.Locator("[data-entry]").Nth(1).Locator("[data-toggle-read]").ClickAsync();
        await first.Page.GotoAsync("/saved");
        var download = await first.Page.RunAndWaitForDownloadAsync(() => first.Page.GetByRole(AriaRole.Button, new() { Name = "Export saved and read posts" }).ClickAsync());
        var file = Path.Combine(fixture.ArtifactsDirectory, "reader-state.json");
        await download.SaveAsAsync(file);

        // Act: another browser (a fresh context: empty storage) imports it.
        await using var second = await fixture.OpenAsync();
        await second.Page.GotoAsync("/saved");
        await Expect(second.Page.Locator("[data-saved-empty]")).ToBeVisibleAsync();
        await second.Page.Locator("[data-import]").SetInputFilesAsync(file);

        // Assert
        await Expect(second.Page.Locator("[data-state-message]")).ToHaveTextAsync("Imported: 1 saved posts added, 1 read marks merged.");
        await Expect(second.Page.Locator("[data-saved-list] h2 a")).ToHaveTextAsync("labs post 0");
        await second.Page.GotoAsync("/");
        await Expect(second.Page.Locator("[data-entry]").Nth(1)).ToHaveClassAsync(Read());
        Assert.Equal("aifeed-reader-state.json", download.SuggestedFilename);
    }

    [Fact]
    public async Task Import_NotAnExport_ChangesNothing()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/saved");

        // Act
        await page.Locator("[data-import]").SetInputFilesAsync(new FilePayload { Name = "x.json", MimeType = "application/json", Buffer = "{\"saved\":[{\"id\":\"x\",\"url\":\"javascript:alert(1)\"}]}"u8.ToArray() });

        // Assert
        await Expect(page.Locator("[data-state-message]")).ToHaveTextAsync("That file is not an AiFeed export; nothing was changed.");
        await Expect(page.Locator("[data-saved-list] [data-entry]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Dates_ReaderInTokyo_ShownInTokyoTime()
    {
        // Arrange
        await using var session = await fixture.OpenAsync(timeZone: "Asia/Tokyo");
        var page = session.Page;

        // Act
        await page.GotoAsync("/");

        // Assert: 06:00 UTC is 15:00 in Tokyo.
        var time = page.Locator("[data-entry]").First.Locator("time");
        await Expect(time).ToHaveAttributeAsync("title", "Nov 26, 2026, 03:00 PM GMT+9");
        await Expect(page.Locator("[data-entry]").First.Locator(".absolute")).ToContainTextAsync("GMT+9");
    }

    [Fact]
    public async Task Header_Phone_OneCompactRow()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);

        // Act
        await page.GotoAsync("/");

        // Assert: the issue measured 290 of 844 px.
        var height = await page.EvaluateAsync<double>("document.querySelector('.site-header').getBoundingClientRect().height");
        Assert.InRange(height, 1, 60);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sources" })).ToBeAttachedAsync();
    }

    [Fact]
    public async Task Help_QuestionMark_FocusesShortcutList()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        // Act
        await page.Keyboard.PressAsync("?");

        // Assert
        await Expect(page.Locator("#shortcuts-title")).ToBeFocusedAsync();
        await Expect(page.Locator(".shortcuts")).ToContainTextAsync("save or unsave the selected post");
    }

    [Fact]
    public async Task TagFilter_TopicTag_ListedChosenAndCounted()
    {
        // Arrange: "robotics" is a topic no post carries; "language-models" one every post does.
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.GetByText("Filter by source and tag").ClickAsync();

        // Act
        await Expect(page.Locator("#tag-robotics")).ToBeVisibleAsync();
        await page.Locator("#tag-language-models").CheckAsync();
        await page.Locator("#source-papers").CheckAsync();
        await session.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync(), TopicUrl());

        // Assert
        await Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^Posts from Paper Digest tagged #"));
        await Expect(page.Locator(".count")).ToHaveTextAsync("10 posts, newest first");
        await Expect(page.Locator("[data-entry]")).ToHaveCountAsync(10);
        Assert.Empty(session.ConsoleErrors);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sources")]
    [InlineData("/saved")]
    public async Task Page_Head_HeadersWithoutBodyOverKestrel(string path)
    {
        // Arrange
        await using var session = await fixture.OpenAsync();

        // Act
        var response = await session.Context.APIRequest.HeadAsync(path);

        // Assert
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Empty(await response.BodyAsync());
    }

    [Fact]
    public async Task ErrorPage_UnknownAddress_HtmlPageWithWayBack()
    {
        // Arrange
        await using var session = await fixture.OpenAsync();
        var page = session.Page;

        // Act
        var response = await page.GotoAsync("/no-such-page");

        // Assert
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        await session.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Latest posts" }).ClickAsync(), HomeUrl());
        await Expect(page.Locator("[data-entry]")).ToHaveCountAsync(30);
        Assert.Empty(session.ForeignRequests);
    }

    [GeneratedRegex(@"\bread\b")]
    private static partial Regex Read();

    [GeneratedRegex(@"/saved$")]
    private static partial Regex SavedUrl();

    [GeneratedRegex(@"/$")]
    private static partial Regex HomeUrl();

    [GeneratedRegex(@"tag=language-models")]
    private static partial Regex TopicUrl();
}
