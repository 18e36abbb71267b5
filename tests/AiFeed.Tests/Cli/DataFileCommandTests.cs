using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Cli;

/// <summary>The data file as the command line meets it: check, repair, a held folder, a damaged file at start.</summary>
public sealed class DataFileCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();

    private string Data => folder.File("data");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Check_HealthyFile_ExitsZero()
    {
        // Arrange
        await DataFileDamage.SeedAsync(Data, 20);

        // Act
        var result = await RunAsync("check", "--data", Data);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("posts: 20 documents, every document and index readable", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("the data file is healthy\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckThenRepair_DamagedFile_CheckSaysWhatToDoAndRepairMendsIt()
    {
        // Arrange
        var path = await DataFileDamage.SeedAsync(Data, 300);
        DataFileDamage.BreakDataPage(path);

        // Act
        var check = await RunAsync("check", "--data", Data);
        var repair = await RunAsync("repair", "--data", Data);
        var again = await RunAsync("check", "--data", Data);

        // Assert
        Assert.Equal(1, check.ExitCode);
        var line = Assert.Single(check.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"aifeed: the data file '{path}' is damaged in posts (", line, StringComparison.Ordinal);
        Assert.EndsWith($"run 'aifeed repair --data {Data}' (docs/operations.md)", line, StringComparison.Ordinal);
        Assert.True(repair.ExitCode == 0, repair.Stderr);
        Assert.Contains($"repaired: {path} is a new file; the old one is kept as {path}.damaged-", repair.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public async Task Poll_FolderHeldAndItsOtherFilesDeleted_SecondWriterRefused()
    {
        // Arrange: this process holds the folder like a running service; everything but the data file goes.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the data file itself is locked on Linux; elsewhere the lock is a side file");
        var feeds = CatalogFile.Write(folder.File("feeds.json"), []);
        using var running = new LiteDbContext(Data, "aifeed.db");
        foreach (var file in Directory.GetFiles(Data).Where(f => f != running.DatabasePath))
        {
            File.Delete(file);
        }

        // Act
        var result = await RunAsync("poll", "--feeds", feeds, "--data", Data);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("aifeed: another AiFeed process is using the data folder", LastLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_InvalidCatalogAndFolderHeld_ReportsTheCatalogErrorExitOne()
    {
        // Arrange: the store opens while the catalog is read; a held folder must not hide what is wrong with feeds.json.
        var feeds = folder.File("feeds.json");
        await File.WriteAllTextAsync(feeds, """{ "feeds": [ { "id": "a", "name": "A", "url": "not a url" } ] }""", TestContext.Current.CancellationToken);
        using var running = new LiteDbContext(Data, "aifeed.db");

        // Act
        var result = await RunAsync("poll", "--feeds", feeds, "--data", Data);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(feeds + ":1:", LastLine(result), StringComparison.Ordinal);
        Assert.DoesNotContain("another AiFeed process", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_UnknownSourceAndFolderHeld_UsageErrorExitTwo()
    {
        // Arrange
        var feeds = CatalogFile.Write(folder.File("feeds.json"), [CatalogFile.Source("a", new Uri("http://127.0.0.1:9/a.xml"))]);
        using var running = new LiteDbContext(Data, "aifeed.db");

        // Act
        var result = await RunAsync("poll", "--feeds", feeds, "--data", Data, "--source", "nope");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("aifeed: --source: no source has the id 'nope' (see 'aifeed poll --help')", LastLine(result));
    }

    [Theory]
    [InlineData("poll")]
    [InlineData("serve")]
    public async Task Start_DamagedDataFile_OneLineWithWhatToDoAndExitOne(string verb)
    {
        // Arrange
        var path = await DataFileDamage.SeedAsync(Data, 10);
        DataFileDamage.BreakCollectionPage(path);
        var feeds = CatalogFile.Write(folder.File("feeds.json"), []);
        string[] args = verb == "serve" ? ["--feeds", feeds, "--data", Data, "--urls", "http://127.0.0.1:0"] : ["poll", "--feeds", feeds, "--data", Data];

        // Act
        var result = await RunAsync(args);

        // Assert: the error is one line (the poll verb's log lines come before it), no stack trace.
        Assert.Equal(1, result.ExitCode);
        var line = LastLine(result);
        Assert.DoesNotContain(" at AiFeed.", result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith($"aifeed: the data file '{path}' is damaged (", line, StringComparison.Ordinal);
        Assert.EndsWith($"'aifeed repair --data {Data}' (docs/operations.md)", line, StringComparison.Ordinal);
    }

    private static string LastLine(AiFeedProcess.Result result) => result.Stderr.TrimEnd().Split('\n')[^1];

    private Task<AiFeedProcess.Result> RunAsync(params string[] args) =>
        AiFeedProcess.RunAsync(folder.Path, TestContext.Current.CancellationToken, args);
}
