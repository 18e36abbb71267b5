using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiFeed.BrowserTests;

/// <summary>A page that records every dialog, console error and uncaught script error it sees.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Enqueue(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Enqueue("uncaught: " + error);
    }

    /// <summary>Playwright's own default for navigations.</summary>
    public static readonly TimeSpan NavigationTimeout = TimeSpan.FromSeconds(30);

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ConcurrentQueue<string> Dialogs { get; } = new();

    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    /// <summary>Requests this page sent anywhere but our own server.</summary>
    public ConcurrentQueue<string> ForeignRequests { get; } = new();

    public static async Task<BrowserSession> StartAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>
    /// Runs an action that navigates (a click, Enter in a form) and waits until the page at a URL
    /// matching <paramref name="url"/> has fired <c>load</c>. Not <c>Page.WaitForURLAsync</c>:
    /// Playwright .NET checks the load states it has recorded and only then subscribes to their
    /// event, so a <c>load</c> delivered in between is lost and the call times out after 30 s although
    /// the page loaded (microsoft/playwright-dotnet#3364; caught here in a protocol log under CPU
    /// load). Subscribing before the action leaves no such window.
    /// </summary>
    public async Task FollowAsync(Func<Task> action, Regex url)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(url);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage page)
        {
            if (url.IsMatch(page.Url))
            {
                loaded.TrySetResult();
            }
        }

        Page.Load += OnLoad;
        try
        {
            await action();
            try
            {
                await loaded.Task.WaitAsync(NavigationTimeout, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"no page matching {url} loaded within {NavigationTimeout.TotalSeconds:0} s; the page is at {Page.Url}", ex);
            }
        }
        finally
        {
            Page.Load -= OnLoad;
        }
    }

    /// <summary>Saves a full-page screenshot under the artifacts folder and prints its path.</summary>
    public async Task<string> ScreenshotAsync(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        TestContext.Current.AddAttachment(name + ".png", await File.ReadAllBytesAsync(path), "image/png");
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
