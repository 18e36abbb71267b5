using System.Net;
using System.Net.Sockets;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Cli;

/// <summary>
/// What goes wrong at start (and in the verbs that write files), each as one line on stderr with
/// what to do, exit 1, and no stack trace: run as child processes, the way an operator meets them.
/// </summary>
public sealed class StartupProblemTests : IDisposable
{
    private readonly TempDirectory folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Serve_PortInUse_OneLineNamingTheAddressExitOne()
    {
        // Arrange
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        // Act
        var result = await ServeAsync("--data", folder.File("data"), "--urls", url);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"aifeed: Failed to bind to address {url}: address already in use: another program is listening there; stop it, or serve on another port with --urls http://localhost:PORT\n",
            result.Stderr);
    }

    [Theory]
    [InlineData("--Storage:Provider=postgres", "aifeed: the configuration is not valid: Storage:ConnectionString is required when Storage:Provider is 'postgres' (e.g. Host=db;Database=aifeed;Username=aifeed;Password=…); fix it in appsettings.json, the environment or the command line (docs/configuration.md)\n")]
    [InlineData("--Storage:Provider=mysql", "aifeed: the configuration is not valid: Storage:Provider must be 'litedb' or 'postgres'; fix it in appsettings.json, the environment or the command line (docs/configuration.md)\n")]
    [InlineData("--Storage:ConnectionString=Host=127.0.0.1;Port=1;Database=none;Timeout=2", "aifeed: the PostgreSQL database 'none' on 127.0.0.1:1 cannot be used (Failed to connect to 127.0.0.1:1); check Storage:ConnectionString and that the server is up (docs/operations.md#postgresql)\n")]
    public async Task Serve_PostgresMisconfiguredOrUnreachable_OneLineExitOne(string setting, string expected)
    {
        // Act: the unreachable server is asked for with the postgres provider.
        var result = await ServeAsync("--data", folder.File("data"), setting, setting.StartsWith("--Storage:Connection", StringComparison.Ordinal) ? "--Storage:Provider=postgres" : "--Storage:FileName=aifeed.db");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected, result.Stderr);
    }

    [Fact]
    public async Task Serve_DataFolderIsAFile_OneLineSaysSoExitOne()
    {
        // Arrange
        var data = folder.File("data");
        await File.WriteAllTextAsync(data, "not a folder", Ct);

        // Act
        var result = await ServeAsync("--data", data);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"aifeed: the data folder '{data}' is a file, not a folder: move the file away, or give --data a folder (it is created when missing)\n", result.Stderr);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(data, Ct));
    }

    [Fact]
    public async Task Serve_DataFolderNotWritable_OneLineSaysNotWritableNotHeldExitOne()
    {
        // Arrange
        var data = Directory.CreateDirectory(folder.File("data")).FullName;
        MakeReadOnly(data);

        // Act
        var result = await AiFeedProcess.RunUnprivilegedAsync(folder.Path, Ct, "serve", "--feeds", Feeds(), "--data", data, "--urls", "http://127.0.0.1:0");

        // Assert
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"aifeed: the data folder '{data}' is not writable (", line, StringComparison.Ordinal);
        Assert.EndsWith("): give AiFeed's user write access to it (chown or chmod), or give --data another folder", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("poll")]
    public async Task Verb_InvalidFetchSetting_OneLineNamingItExitOne(string verb)
    {
        // Arrange: an empty catalog, so a poll that ignored the setting would succeed.
        string[] args = ["--data", folder.File("data"), "--Fetch:AllowedNetworks:0=bad"];

        // Act
        var result = verb == "serve" ? await ServeAsync(args) : await AiFeedProcess.RunAsync(folder.Path, Ct, ["poll", "--feeds", Feeds(), .. args]);

        // Assert
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.Equal(
            "aifeed: the configuration is not valid: 'bad' is not a network in CIDR notation (such as 10.0.0.0/8 or fd00::/8); fix it in appsettings.json, the environment or the command line (docs/configuration.md)",
            line);
    }

    [Fact]
    public async Task Poll_DataFolderCannotBeCreated_OneLineExitOne()
    {
        // Arrange: its parent is a file.
        var parent = folder.File("parent");
        await File.WriteAllTextAsync(parent, string.Empty, Ct);
        var data = Path.Combine(parent, "data");

        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, Ct, "poll", "--feeds", Feeds(), "--data", data);

        // Assert
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"aifeed: cannot create the data folder '{data}' (", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_OutputNotWritable_OneLineWhatToDoExitOne()
    {
        // Arrange: a folder where the file should go.
        var output = Directory.CreateDirectory(folder.File("schema.json")).FullName;

        // Act
        var result = await AiFeedProcess.RunAsync(folder.Path, Ct, "schema", "--output", output);

        // Assert
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"aifeed: cannot write the schema to '{output}': ", line, StringComparison.Ordinal);
        Assert.EndsWith("; choose a writable --output path, or leave it out to print the schema", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOpml_ConfigFolderReadOnly_OneLineAndTheCatalogUnchangedExitOne()
    {
        // Arrange
        var config = Directory.CreateDirectory(folder.File("config")).FullName;
        var feeds = CatalogFile.Write(Path.Combine(config, "feeds.json"), []);
        var before = await File.ReadAllTextAsync(feeds, Ct);
        var opml = folder.File("subscriptions.opml");
        await File.WriteAllTextAsync(
            opml,
            """<opml version="2.0"><body><outline type="rss" text="Lab" xmlUrl="https://lab.example/feed.xml"/></body></opml>""",
            Ct);
        MakeReadOnly(config);

        // Act
        var result = await AiFeedProcess.RunUnprivilegedAsync(folder.Path, Ct, "import-opml", opml, "--feeds", feeds);

        // Assert
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"aifeed: cannot write '{feeds}' (", line, StringComparison.Ordinal);
        Assert.EndsWith("); nothing was changed: make its folder writable (the import writes a new file beside it, then moves it into place) and run the import again", line, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(feeds, Ct));
    }

    [Fact]
    public async Task Serve_Verbose_PrintsTheExceptionAfterTheLine()
    {
        // Arrange
        var data = folder.File("data");
        await File.WriteAllTextAsync(data, string.Empty, Ct);

        // Act
        var result = await ServeAsync("--data", data, "--verbose");

        // Assert
        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.Stderr);
        Assert.StartsWith("aifeed: the data folder", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("AiFeed.Storage.DataFolderUnusableException: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at AiFeed.Storage.DataFolder.Prepare", StringComparison.Ordinal));
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private static void MakeReadOnly(string path)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions make the folder read-only");
        if (!OperatingSystem.IsWindows())
        {
            // Readable and enterable by everyone (the child may run as nobody), writable by no one but root.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private string Feeds() => CatalogFile.Write(folder.File("feeds.json"), []);

    private Task<AiFeedProcess.Result> ServeAsync(params string[] args) =>
        AiFeedProcess.RunAsync(folder.Path, Ct, ["serve", "--feeds", Feeds(), .. args.Contains("--urls") ? args : [.. args, "--urls", "http://127.0.0.1:0"]]);
}
