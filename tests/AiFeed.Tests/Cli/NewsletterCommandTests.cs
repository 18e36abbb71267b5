using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Cli;

/// <summary>aifeed newsletter, run as a child process: the issue on standard output, frozen like the API's.</summary>
public sealed class NewsletterCommandTests : LoopbackTests
{
    private const string LaunchSubject =
        "Learn about Positional Encodings from our LLM study plan. Today's problem: Binary Cross-Entropy Loss (Easy). Plus: AI & ML Blog Feed spotlight.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Newsletter_LaunchDayHtmlThenJson_IssueOnStdoutFrozenAcrossRuns()
    {
        // Arrange: a store with posts polled from loopback, then the issue asked for three times.
        Server.MapFeed("/labs.xml", () => Rss("Labs", Items("labs", 3, DateTimeOffset.UtcNow.AddHours(-1))));
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("labs", Server.Url("/labs.xml"))]);
        var data = Folder.File("data");
        var poll = await AiFeedProcess.RunAsync(Folder.Path, Ct, "poll", "--feeds", feeds, "--data", data);

        // Act
        var html = await AiFeedProcess.RunAsync(Folder.Path, Ct, "newsletter", "--date", "2026-11-26", "--format", "html", "--feeds", feeds, "--data", data);
        var json = await AiFeedProcess.RunAsync(Folder.Path, Ct, "newsletter", "--date", "2026-11-26", "--format", "json", "--feeds", feeds, "--data", data);
        var again = await AiFeedProcess.RunAsync(Folder.Path, Ct, "newsletter", "--date=2026-11-26", "--format=html", "--feeds", feeds, "--data", data);

        // Assert
        Assert.True(poll.ExitCode == 0, poll.Stderr);
        Assert.True(html.ExitCode == 0, html.Stderr);
        Assert.StartsWith("<!DOCTYPE html>\n", html.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("<title>Learn about Positional Encodings from our LLM study plan. Today&#x27;s problem: Binary Cross-Entropy Loss (Easy). Plus: AI &amp; ML Blog Feed spotlight.</title>", html.Stdout, StringComparison.Ordinal);
        Assert.Equal(LaunchSubject, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("subject").GetString());
        Assert.Equal(html.Stdout, again.Stdout);
    }

    [Theory]
    [InlineData(2, "newsletter", "--format", "pdf")]
    [InlineData(2, "newsletter", "--date", "26/11/2026")]
    [InlineData(2, "newsletter", "--bogus")]
    [InlineData(1, "newsletter", "--date", "2999-01-01")]
    public async Task Newsletter_BadFormatDateOrFuture_OneLineAndExitCode(int exitCode, params string[] args)
    {
        // Arrange
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), []);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, Ct, [.. args, "--feeds", feeds, "--data", Folder.File("data")]);

        // Assert
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("aifeed: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }
}
