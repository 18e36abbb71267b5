using System.Text.Json;
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
        var first = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--feeds", feeds, "--data", data, "--json");
        var second = await AiFeedProcess.RunAsync(Folder.Path, TestContext.Current.CancellationToken, "poll", "--feeds", feeds, "--data", data, "--json");

        // Assert
        Assert.True(first.ExitCode == 0, first.Stderr);
        var a = JsonDocument.Parse(first.Stdout).RootElement;
        var b = JsonDocument.Parse(second.Stdout).RootElement;
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

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the server did not open its data folder within 30 s");
    }
}
