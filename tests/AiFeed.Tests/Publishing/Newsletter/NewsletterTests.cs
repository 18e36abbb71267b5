using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Ingestion;
using AiFeed.Publishing.Newsletter;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>
/// Base of the newsletter tests: two loopback feeds whose items a test sets (and changes), and an
/// AiFeed on a fake clock with newsletter settings of the test's choosing.
/// </summary>
public abstract class NewsletterTests : LoopbackTests
{
    /// <summary>Launch day, 08:00 UTC: an hour after the default ComposeAt (07:00 UTC).</summary>
    protected static readonly DateTimeOffset LaunchMorning = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    protected const string LaunchSubject =
        "Learn about Positional Encodings from our LLM study plan. Today's problem: Binary Cross-Entropy Loss (Easy). Plus: AI & ML Blog Feed spotlight.";

    protected List<Item> LabsItems { get; } = [];

    protected List<Item> PapersItems { get; } = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An app over the two feeds; settings are extra configuration keys ("Newsletter:TimeZone", …).</summary>
    protected Running Start(DateTimeOffset now, params (string Key, string Value)[] settings)
    {
        Server.MapFeed("/labs.xml", () => Rss("Labs", LabsItems));
        Server.MapFeed("/papers.xml", () => Rss("Papers", PapersItems));
        var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [
            new { id = "labs", name = "Labs Weekly", url = Server.Url("/labs.xml").AbsoluteUri, site = "https://labs.example.org/", weight = 1.5 },
            new { id = "papers", name = "Paper Digest", url = Server.Url("/papers.xml").AbsoluteUri },
        ]), now);
        var factory = app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return new Running(app, factory);
    }

    protected static Item Post(string prefix, int n, DateTimeOffset published, string? link = null) => new(
        $"{prefix} post {n}",
        link ?? $"https://{prefix}.example.org/posts/{n}",
        Published: published,
        Description: $"Summary of {prefix} post {n}.");

    /// <summary>An app and the configured factory built on it (only the factory's host is ever started).</summary>
    protected sealed class Running(AiFeedApp app, WebApplicationFactory<Program> factory) : IAsyncDisposable
    {
        public AiFeedApp App { get; } = app;

        public HttpClient Client { get; } = factory.CreateClient();

        public IServiceProvider Services => factory.Services;

        public Task PollAsync() => Services.GetRequiredService<SourcePoller>().PollNowAsync(null, Ct);

        /// <summary>Composes and freezes the date's issue as the daily job does; reading never composes one.</summary>
        public async Task ComposeAsync(string date) =>
            Assert.NotNull(await Services.GetRequiredService<NewsletterService>().GetOrComposeAsync(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Ct));

        public async Task<JsonElement> IssueAsync(string date)
        {
            using var response = await Client.GetAsync($"/api/newsletter/{date}", Ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        public Task<string> BodyAsync(string date, string format) => Client.GetStringAsync($"/api/newsletter/{date}?format={format}", Ct);

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await factory.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    protected static string[] Titles(JsonElement issue) =>
        [.. issue.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()!)];
}
