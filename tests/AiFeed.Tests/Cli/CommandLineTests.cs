using System.Text.Json;
using Microsoft.AspNetCore.Http;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Cli;

/// <summary>The executable's verbs, run as child processes against loopback feeds.</summary>
public sealed class CommandLineTests : LoopbackTests
{
    [Fact]
    public async Task Validate_ShippedFeedsJson_ExitsZero()
    {
        // Act
        var result = await AiFeedProcess.RunAsync(TestEnvironment.RepositoryRoot, TestContext.Current.CancellationToken, "validate", "--feeds", "feeds.json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("feeds.json: ok,", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--feeds", "bad.json")]
    [InlineData("validate", "bad.json")]
    public async Task Validate_BadFile_PrintsFileLineColumnAndExitsOne(params string[] args)
    {
        // Arrange
        var path = Folder.File("bad.json");
        await File.WriteAllTextAsync(path, "{\n  \"feeds\": [\n    { \"id\": \"x\", \"name\": \"X\", \"url\": \"htp://x\" }\n  ]\n}\n", TestContext.Current.CancellationToken);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, args);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.json:3:38: feeds[0].url: 'htp://x' is not an absolute http(s) URL", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("poll", "--bogus")]
    [InlineData("serve", "--poll-interval", "soon")]
    [InlineData("poll", "--concurrency", "0")]
    [InlineData("poll", "--concurrency", "65")]
    [InlineData("poll", "--per-host", "17")]
    [InlineData("poll", "--per-host", "two")]
    [InlineData("poll", "--opml", "list.opml", "--feeds", "feeds.json")]
    public async Task UnknownVerbOrOption_PrintsOneLineAndExitsTwo(params string[] args)
    {
        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, args);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("aifeed: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_HundredsOfItemsTwice_StoresEachUniquePostOnceThen304()
    {
        // Arrange: 12 feeds × 30 items, where every fourth feed re-posts the previous feed's items.
        var sources = new List<object>();
        var unique = 0;
        for (var f = 0; f < 12; f++)
        {
            var prefix = f % 4 == 3 ? $"feed{f - 1}" : $"feed{f}";
            unique += f % 4 == 3 ? 0 : 30;
            Server.MapFeed($"/f{f}.xml", () => Rss(prefix, Items(prefix, 30, Newest)));
            sources.Add(CatalogFile.Source($"f{f}", Server.Url($"/f{f}.xml")));
        }

        var feeds = CatalogFile.Write(Folder.File("feeds.json"), sources);
        var data = Folder.File("data");

        // Act
        var (_, a, b) = await PollTwiceAsync("--feeds", feeds, "--data", data);

        // Assert
        Assert.Equal(12, a.GetProperty("ok").GetInt32());
        Assert.Equal(360, a.GetProperty("items").GetInt32());
        Assert.Equal(unique, a.GetProperty("new_posts").GetInt32());
        Assert.Equal(unique, a.GetProperty("stored_posts").GetInt32());
        Assert.Equal(12, b.GetProperty("not_modified").GetInt32());
        Assert.Equal(0, b.GetProperty("new_posts").GetInt32());
        Assert.Equal(unique, b.GetProperty("stored_posts").GetInt32());
        string[] keys = ["sources", "ok", "not_modified", "fetch_errors", "parse_errors", "scrape_broken", "items", "new_posts", "updated_posts", "stored_posts", "elapsed_s"];
        Assert.Equal(keys, a.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Poll_OpmlList_PollsItsFeedsWithoutACatalogFileAndSaysWhatItSkipped()
    {
        // Arrange: three feeds in a folder outline, one of them listed twice, and one outline that is not http(s).
        for (var f = 0; f < 3; f++)
        {
            var prefix = $"opml{f}";
            Server.MapFeed($"/o{f}.xml", () => Rss(prefix, Items(prefix, 10, Newest)));
        }

        var opml = Folder.File("list.opml");
        await File.WriteAllTextAsync(opml, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="Research">
              <outline type="rss" text="Lab Zero" xmlUrl="{Server.Url("/o0.xml")}"/>
              <outline type="rss" text="Lab One" xmlUrl="{Server.Url("/o1.xml")}"/>
            </outline>
            <outline type="rss" text="Lab Two" xmlUrl="{Server.Url("/o2.xml")}"/>
            <outline type="rss" text="Lab Zero again" xmlUrl="{Server.Url("/o0.xml")}"/>
            <outline type="rss" text="A file" xmlUrl="file:///etc/passwd"/>
            </body></opml>
            """, TestContext.Current.CancellationToken);
        var data = Folder.File("data");

        // Act
        var (first, a, b) = await PollTwiceAsync("--opml", opml, "--data", data);

        // Assert
        Assert.Equal(3, a.GetProperty("sources").GetInt32());
        Assert.Equal(3, a.GetProperty("ok").GetInt32());
        Assert.Equal(30, a.GetProperty("stored_posts").GetInt32());
        Assert.Equal(3, b.GetProperty("not_modified").GetInt32());
        Assert.Equal(30, b.GetProperty("stored_posts").GetInt32());
        Assert.Equal(2, Server.CountRequests("/o0.xml"));
        Assert.Contains($"skipped {Server.Url("/o0.xml")}: already in the catalog", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("skipped file:///etc/passwd: not an absolute http(s) URL", first.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.File("feeds.json")));
    }

    [Fact]
    public async Task Poll_OpmlFileMissingOrNotOpml_PrintsFileAndExitsOne()
    {
        // Arrange
        var notOpml = Folder.File("page.opml");
        await File.WriteAllTextAsync(notOpml, "<html><body>Just a moment...</body></html>", TestContext.Current.CancellationToken);

        // Act
        var missing = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--opml", "missing.opml", "--data", Folder.File("data"));
        var html = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--opml", notOpml, "--data", Folder.File("data"));

        // Assert
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("missing.opml:1:1: cannot read the catalog:", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, html.ExitCode);
        Assert.Contains("page.opml:1:1: cannot read the catalog:", html.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    public async Task Poll_ReadAheadOutOfRange_OneLineNamingTheSettingAndExitOne(string readAhead)
    {
        // Arrange
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("a", Server.Url("/a.xml"))]);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--feeds", feeds, "--data", Folder.File("data"), $"--Polling:ReadAhead={readAhead}");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ReadAhead", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "--concurrency", "3", "--per-host", "3" }, 3)]
    [InlineData(new[] { "--per-host", "5" }, 5)]
    public async Task Poll_ConcurrencyOnCommandLine_HoldsThatManyRequestsAtOnce(string[] limits, int expected)
    {
        // Arrange: eight slow feeds on one host; the catalog keeps its defaults (8 at once, 2 per host).
        var inFlight = 0;
        var most = 0;
        var sources = new List<object>();
        for (var f = 0; f < 8; f++)
        {
            var body = Rss($"slow{f}", Items($"slow{f}", 2, Newest));
            Server.Map($"/s{f}.xml", async context =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                try
                {
                    await Task.Delay(400, context.RequestAborted);
                    context.Response.ContentType = "application/rss+xml; charset=utf-8";
                    await context.Response.WriteAsync(body, context.RequestAborted);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
            sources.Add(CatalogFile.Source($"s{f}", Server.Url($"/s{f}.xml")));
        }

        var feeds = CatalogFile.Write(Folder.File("feeds.json"), sources);

        // Act
        var result = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, ["poll", "--feeds", feeds, "--data", Folder.File("data"), "--json", .. limits]);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(8, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("ok").GetInt32());
        Assert.Equal(expected, Volatile.Read(ref most));
    }

    [Fact]
    public async Task Poll_WhileServerHoldsDataFolder_RefusesWithClearMessage()
    {
        // Arrange
        var feeds = CatalogFile.Write(Folder.File("feeds.json"), []);
        var data = Folder.File("data");
        using var serve = AiFeedProcess.Start(Folder.Path, "serve", "--feeds", feeds, "--data", data, "--urls", "http://127.0.0.1:0");
        try
        {
            // The lock is taken before LiteDB writes the file's first page (on Linux it is on the file itself).
            await WaitForAsync(() => File.Exists(Path.Combine(data, "aifeed.db")) && new FileInfo(Path.Combine(data, "aifeed.db")).Length > 0);

            // Act
            var result = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--feeds", feeds, "--data", data);

            // Assert
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("another AiFeed process is using the data folder", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    // Two `poll --json` runs with the same arguments; each must succeed. The first run's output and both summaries.
    private async Task<(AiFeedProcess.Result First, JsonElement A, JsonElement B)> PollTwiceAsync(params string[] args)
    {
        var first = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, ["poll", .. args, "--json"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var second = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, ["poll", .. args, "--json"]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        return (first, JsonDocument.Parse(first.Stdout).RootElement, JsonDocument.Parse(second.Stdout).RootElement);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the server did not open its data folder within 30 s");
    }
}
