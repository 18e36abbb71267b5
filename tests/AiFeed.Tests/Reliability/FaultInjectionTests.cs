using System.Text;
using AiFeed.Ingestion;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Reliability;

/// <summary>
/// Each fault a feed server can throw at a poll, after a good poll stored posts: the run
/// completes, the source ends in the right state with the right next check, and the stored
/// posts stay.
/// </summary>
public sealed class FaultInjectionTests : LoopbackTests
{
    private const int GoodItems = 5;

    public static TheoryData<string> Faults =>
    [
        "500", "503-retry-after", "429", "404", "410", "hang", "stall-half-body", "drip-past-deadline",
        "truncated-xml", "undeclared-entity", "whitespace-before-declaration", "over-size-cap",
        "just-a-moment", "empty-body", "moved-permanently", "redirect-loop", "served-as-html", "no-validators",
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Poll_Fault_EndsInRightStateAndKeepsPosts(string fault)
    {
        // Arrange: a good poll first, then the fault, beside a healthy source.
        var faulty = false;
        Server.Map("/feed.xml", context => faulty ? Serve(fault, context) : context.Response.WriteAsync(Rss("F", Items("good", GoodItems, Newest)), context.RequestAborted));
        Server.MapFeed("/feed-new.xml", () => Rss("F", Items("good", GoodItems + 1, Newest.AddHours(1))));
        Server.MapFeed("/healthy.xml", () => Rss("H", Items("healthy", 2, Newest)));
        // The deadline is 3 s, not the 1 s minimum: the good fetches (the first poll, the healthy
        // source) must meet it on a CI machine busy with other test classes and a browser.
        await using var app = new AiFeedApp(CatalogFile.Write(
            Folder.File("feeds.json"),
            [CatalogFile.Source("f", Server.Url("/feed.xml")), CatalogFile.Source("healthy", Server.Url("/healthy.xml"))],
            new { requestTimeout = "00:00:03", maxBodyBytes = 64 * 1024, pollInterval = "00:30:00" }));
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        faulty = true;
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var expected = Expectations[fault];
        var state = (await app.Services.GetRequiredService<ISourceStateStore>().GetAsync("f", TestContext.Current.CancellationToken))!;
        Assert.Equal(2, summary.Sources);
        Assert.True(expected.Outcome == state.LastOutcome, $"{fault}: outcome {state.LastOutcome}, error '{state.LastError}'");
        Assert.Equal(expected.Errors, state.ConsecutiveErrors);
        if (expected.ErrorContains is { } text)
        {
            Assert.Contains(text, state.LastError, StringComparison.Ordinal);
        }

        var wait = state.NextCheckAt!.Value - now;
        Assert.InRange(wait, expected.MinWait, expected.MaxWait);
        Assert.Equal(expected.Status, NextCheck.StatusOf(new AiFeed.Catalog.SourceDefinition { Id = "f", Name = "F" }, state));
        var stored = await app.Services.GetRequiredService<IPostStore>().CountAsync(new PostQuery { Sources = ["f"] }, TestContext.Current.CancellationToken);
        Assert.True(stored >= GoodItems, $"{fault}: {stored} posts left of {GoodItems}");
        Assert.Equal(2L, await app.Services.GetRequiredService<IPostStore>().CountAsync(new PostQuery { Sources = ["healthy"] }, TestContext.Current.CancellationToken));
        if (fault == "moved-permanently")
        {
            Assert.Equal(Server.Url("/feed-new.xml").AbsoluteUri, state.FeedUrl);
            Assert.Equal(GoodItems + 1, stored);
        }

        if (fault == "no-validators")
        {
            Assert.Null(state.ETag);
            Assert.Null(state.LastModified);
        }
    }

    private sealed record Expectation(string Outcome, int Errors, SourceStatus Status, TimeSpan MinWait, TimeSpan MaxWait, string? ErrorContains = null);

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);

    private static Expectation Ok => new("feed", 0, SourceStatus.Ok, Interval, Interval);

    // A first failure is retried after a minute (± 10 % jitter), not after the source's interval.
    private static Expectation Error(string outcome, string? contains, SourceStatus status = SourceStatus.Degraded) =>
        new(outcome, 1, status, NextCheck.FirstRetry * 0.9, NextCheck.FirstRetry * 1.1, contains);

    private static readonly Dictionary<string, Expectation> Expectations = new(StringComparer.Ordinal)
    {
        ["500"] = Error("fetch-error", "HTTP 500"),
        ["503-retry-after"] = Error("fetch-error", "HTTP 503") with { MinWait = TimeSpan.FromHours(2), MaxWait = TimeSpan.FromHours(2) },
        ["429"] = Error("fetch-error", "HTTP 429") with { MinWait = Interval, MaxWait = Interval },
        ["404"] = Error("fetch-error", "HTTP 404"),
        ["410"] = Error("fetch-error", "HTTP 410", SourceStatus.Broken),
        ["hang"] = Error("fetch-error", "no complete answer within 3 s"),
        ["stall-half-body"] = Error("fetch-error", "no complete answer within 3 s"),
        ["drip-past-deadline"] = Error("fetch-error", "no complete answer within 3 s"),
        ["truncated-xml"] = Ok,
        ["undeclared-entity"] = Ok,
        ["whitespace-before-declaration"] = Ok,
        ["over-size-cap"] = Error("fetch-error", "larger than"),
        ["just-a-moment"] = Error("parse-error", "HTML"),
        ["empty-body"] = Error("parse-error", "empty"),
        ["moved-permanently"] = Ok,
        ["redirect-loop"] = Error("fetch-error", "redirect loop"),
        ["served-as-html"] = Ok,
        ["no-validators"] = Ok,
    };

    private static async Task Serve(string fault, HttpContext context)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        var good = Rss("F", Items("good", GoodItems, Newest));
        switch (fault)
        {
            case "500" or "404" or "410" or "429":
                response.StatusCode = int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "503-retry-after":
                response.StatusCode = 503;
                response.Headers.RetryAfter = "7200";
                break;
            case "hang":
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                break;
            case "stall-half-body":
                response.ContentLength = Encoding.UTF8.GetByteCount(good);
                await response.WriteAsync(good[..(good.Length / 2)], ct);
                await response.Body.FlushAsync(ct);
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                break;
            case "drip-past-deadline":
                foreach (var c in good)
                {
                    await response.WriteAsync(c.ToString(), ct);
                    await response.Body.FlushAsync(ct);
                    await Task.Delay(50, ct);
                }

                break;
            case "truncated-xml":
                await response.WriteAsync(good[..good.LastIndexOf("<item>", StringComparison.Ordinal)] + "<item><title>cut", ct);
                break;
            case "undeclared-entity":
                await response.WriteAsync(good.Replace("Summary of", "Summary&nbsp;of", StringComparison.Ordinal), ct);
                break;
            case "whitespace-before-declaration":
                await response.WriteAsync("\n\n   " + good, ct);
                break;
            case "over-size-cap":
                await response.WriteAsync(good.Replace("</channel>", new string(' ', 70 * 1024) + "</channel>", StringComparison.Ordinal), ct);
                break;
            case "just-a-moment":
                response.ContentType = "text/html";
                await response.WriteAsync("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>", ct);
                break;
            case "empty-body":
                break;
            case "moved-permanently":
                response.StatusCode = 301;
                response.Headers.Location = "/feed-new.xml";
                break;
            case "redirect-loop":
                response.StatusCode = 302;
                response.Headers.Location = "/feed.xml";
                break;
            case "served-as-html":
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(good, ct);
                break;
            case "no-validators":
                await response.WriteAsync(good, ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault");
        }
    }
}
