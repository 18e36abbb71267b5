using System.Globalization;
using System.Text.RegularExpressions;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Operations;

public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterPollThenConditionalPoll_ReportCountsInPrometheusFormat()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var published = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        server.MapFeed("/a.xml", () => Rss("A", [new Item("One", "https://a.example.org/1", Published: published), new Item("Two", "https://a.example.org/2", Published: published.AddHours(-1))]));
        server.Map("/broken.xml", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        using var folder = new TempDirectory();
        await using var app = new AiFeedApp(CatalogFile.Write(folder.File("feeds.json"), [
            CatalogFile.Source("a", server.Url("/a.xml")),
            CatalogFile.Source("broken", server.Url("/broken.xml")),
        ]));
        using var client = app.CreateClient();
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        await app.Poller.PollNowAsync("a", TestContext.Current.CancellationToken);
        await client.GetAsync(new Uri("/api/posts", UriKind.Relative), TestContext.Current.CancellationToken);

        // Act
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "aifeed_polls_total", "result=\"ok\""));
        Assert.Equal(1, Value(text, "aifeed_polls_total", "result=\"not_modified\""));
        Assert.Equal(1, Value(text, "aifeed_polls_total", "result=\"fetch_error\""));
        Assert.Equal(1, Value(text, "aifeed_fetch_not_modified_total", null));
        Assert.True(Value(text, "aifeed_fetch_bytes_total", null) > 100);
        Assert.Equal(1, Value(text, "aifeed_errors_total", "stage=\"fetch\""));
        Assert.Equal(2, Value(text, "aifeed_posts_new_total", null));
        Assert.Equal(3, Value(text, "aifeed_poll_duration_seconds_count", null));
        Assert.Equal(1, Value(text, "aifeed_source_status", "source=\"a\",status=\"ok\""));
        Assert.Equal(1, Value(text, "aifeed_source_status", "source=\"broken\",status=\"degraded\""));
        Assert.True(Value(text, "aifeed_storage_size_bytes", null) > 0);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    // The value of the first sample of metric whose labels contain labels.
    private static double Value(string text, string metric, string? labels)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (match.Success && match.Groups["name"].Value == metric && (labels is null || match.Groups["labels"].Value.Contains(labels, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"no sample {metric}{{{labels}}} in:\n{text}");
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}
