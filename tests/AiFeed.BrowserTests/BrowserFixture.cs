using System.Net;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.BrowserTests;

/// <summary>
/// One AiFeed on a real loopback socket (Kestrel, so a browser can reach it) with posts polled from
/// loopback feeds, and one headless Debian chromium. Without /usr/bin/chromium every test skips
/// (or fails under AIFEED_REQUIRE_ALL=1).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly DateTimeOffset Newest = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly TempDirectory folder = new();
    private LoopbackServer? feeds;
    private AiFeedApp? app;
    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public Uri BaseUri { get; private set; } = null!;

    public string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        var ct = TestContext.Current.CancellationToken;
        feeds = await LoopbackServer.StartAsync(ct);
        feeds.MapFeed("/papers.xml", () => Rss("Papers", Items("papers", 10, Newest.AddMinutes(-30))));
        feeds.MapFeed("/hostile.xml", () => Rss("Hostile", [HostileAt(feeds.Url("/chart.png"))]));
        // Every third labs post has a picture (media:content), served by the loopback "site".
        feeds.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 40, Newest).Select((item, i) => i % 3 == 0 ? item with { Image = feeds.Url($"/thumbs/{i % 4}.png") } : item)));
        for (var i = 0; i < 4; i++)
        {
            feeds.Map($"/thumbs/{i}.png", Thumbnails.Serve(i));
        }

        feeds.Map("/chart.png", Thumbnails.Serve(1));
        app = new AiFeedApp(CatalogFile.Write(folder.File("feeds.json"), [
            new { id = "labs", name = "Labs Weekly", url = feeds.Url("/labs.xml").AbsoluteUri, site = "https://labs.example.org/", tags = new[] { "lab", "llm" }, weight = 1.5 },
            new { id = "papers", name = "Paper Digest", url = feeds.Url("/papers.xml").AbsoluteUri, tags = new[] { "papers" } },
            CatalogFile.Source("hostile", feeds.Url("/hostile.xml")),
            CatalogFile.Source("gone", feeds.Url("/gone.xml")),
        ], taxonomy: CatalogFile.Taxonomy(("language-models", ["language models"]), ("robotics", ["robot"]))));
        app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await app.Poller.PollNowAsync(null, ct);
        // Today's issue, as the daily schedule composes it (reading never does).
        await app.Services.GetRequiredService<AiFeed.Publishing.Newsletter.NewsletterService>().GetOrComposeAsync(new DateOnly(2026, 11, 26), ct);

        Directory.CreateDirectory(ArtifactsDirectory);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh context and page. Requests to anything but our server never reach the network: they
    /// are recorded and answered by a stand-in page, so a test can both see that a page asked for
    /// nothing foreign and follow a link to an "original site".
    /// </summary>
    public async Task<BrowserSession> OpenAsync(ColorScheme scheme = ColorScheme.Light, string? timeZone = null)
    {
        if (Browser is null)
        {
            TestEnvironment.SkipOrFail($"chromium is not installed at {ChromiumPath}; install it with 'apt-get install -y chromium' to run the browser tests");
        }

        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.AbsoluteUri,
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            TimezoneId = timeZone,
            AcceptDownloads = true,
        });
        var session = await BrowserSession.StartAsync(context);
        await context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host == BaseUri.Host)
            {
                await route.ContinueAsync();
            }
            else
            {
                session.ForeignRequests.Enqueue(route.Request.Url);
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<!DOCTYPE html><title>Original site</title><p>Stand-in for an external site.</p>" });
            }
        });
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (feeds is not null)
        {
            await feeds.DisposeAsync();
        }

        folder.Dispose();
    }

    /// <summary>A post whose feed carries script, event handlers and javascript: URLs everywhere; its one image is real (on loopback).</summary>
    public static Item HostileAt(Uri chart) => new(
        "<script>alert('title')</script><img src=x onerror=alert('title-img')> Hostile post",
        "javascript:alert('link')",
        Id: "hostile-1",
        Published: Newest.AddHours(-3),
        Description: "<img src=x onerror=alert('summary')> summary <script>alert('summary-script')</script>",
        Content: "<p>Safe paragraph survives.</p><script>alert('content')</script>" +
            $"<img src=\"{chart.AbsoluteUri}\" alt=\"chart\" onerror=\"alert('img')\">" +
            "<a href=\"javascript:alert('a')\">click me</a><svg onload=\"alert('svg')\"></svg>" +
            "<iframe src=\"javascript:alert('iframe')\"></iframe><p onclick=\"alert('p')\" style=\"background:url(javascript:alert('css'))\">styled</p>");
}
