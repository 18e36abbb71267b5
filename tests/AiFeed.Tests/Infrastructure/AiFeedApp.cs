using AiFeed.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// The real host over a temp data folder and a test feeds.json, with a fake clock, the scheduler
/// triggers off (tests poll and compose explicitly) and an admin key. Outbound HTTP reaches only loopback.
/// </summary>
public sealed class AiFeedApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-admin-key";

    private readonly TempDirectory folder = new();

    private readonly IReadOnlyDictionary<string, string?> settings;

    /// <param name="settings">Configuration that replaces the fixture's (e.g. "Polling:Enabled" = "true").</param>
    public AiFeedApp(string? feedsPath = null, DateTimeOffset? now = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        FeedsPath = feedsPath ?? CatalogFile.Write(folder.File("feeds.json"), []);
        Clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        this.settings = settings ?? new Dictionary<string, string?>();
    }

    public FakeTimeProvider Clock { get; }

    public string FeedsPath { get; }

    public string DataDirectory => folder.File("data");

    public SourcePoller Poller => Services.GetRequiredService<SourcePoller>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Tests assert on results, not on log lines; keep the runner's output readable.
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.UseSetting("Catalog:FeedsPath", FeedsPath);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Polling:Enabled", "false");
        // The daily issue job runs on the real clock; tests compose issues explicitly.
        builder.UseSetting("Newsletter:Enabled", "false");
        builder.UseSetting("Admin:ApiKey", ApiKey);
        builder.UseSetting("Fetch:RetryDelay", "00:00:00");

        // The feed servers of tests listen on loopback, which the feed client refuses by default.
        builder.UseSetting("Fetch:AllowedNetworks:0", "127.0.0.0/8");
        builder.UseSetting("RateLimiting:PermitLimit", "100000");
        builder.UseSetting("Catalog:CheckInterval", "00:00:00.200");
        builder.UseSetting("Catalog:SettleDelay", "00:00:00.050");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }
}
