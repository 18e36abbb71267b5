using System.Collections.Concurrent;
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
