using AiFeed.Cli;
using Microsoft.AspNetCore.Builder;

namespace AiFeed.Tests.Cli;

/// <summary>
/// The command line's help, version and usage errors, parsed in process: nothing runs, the server
/// least of all (the serve delegate fails the test if called).
/// </summary>
public sealed class UsageTests
{
    private static readonly string[] Verbs =
        ["serve", "poll", "validate", "import-opml", "schema", "healthcheck", "newsletter", "scrape-test", "check", "repair", "admin-key"];

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["frobnicate"], "aifeed: unknown option or argument 'frobnicate' (see 'aifeed --help')" },
        { ["--port", "9000"], "aifeed: unknown option or argument '--port' (see 'aifeed --help')" },
        { ["serve", "--port", "9000"], "aifeed: unknown option or argument '--port' (see 'aifeed serve --help')" },
        { ["serve", "--port=9000"], "aifeed: unknown option or argument '--port=9000' (see 'aifeed serve --help')" },
        { ["serve", "--poll-interval", "soon"], "aifeed: --poll-interval: 'soon' is not a positive time span such as 00:05:00 (see 'aifeed serve --help')" },
        { ["serve", "--poll-interval", "-00:05:00"], "aifeed: --poll-interval: '-00:05:00' is not a positive time span such as 00:05:00 (see 'aifeed serve --help')" },
        { ["serve", "--urls"], "aifeed: Required argument missing for option: '--urls' (see 'aifeed serve --help')" },
        { ["poll", "--bogus"], "aifeed: unknown option or argument '--bogus' (see 'aifeed poll --help')" },
        { ["poll", "--source"], "aifeed: Required argument missing for option: '--source' (see 'aifeed poll --help')" },
        { ["poll", "extra"], "aifeed: unknown option or argument 'extra' (see 'aifeed poll --help')" },
        { ["validate", "a.json", "b.json"], "aifeed: unknown option or argument 'b.json' (see 'aifeed validate --help')" },
        { ["validate", "--data", "x"], "aifeed: unknown option or argument '--data' (see 'aifeed validate --help')" },
        { ["validate", "a.json", "--feeds", "b.json"], "aifeed: validate was given two files, 'a.json' and --feeds 'b.json': give one (see 'aifeed validate --help')" },
        { ["import-opml"], "aifeed: Required argument missing for command: 'import-opml' (see 'aifeed import-opml --help')" },
        { ["import-opml", "a.opml", "--data", "x"], "aifeed: unknown option or argument '--data' (see 'aifeed import-opml --help')" },
        { ["schema", "--output"], "aifeed: Required argument missing for option: '--output' (see 'aifeed schema --help')" },
        { ["schema", "extra"], "aifeed: unknown option or argument 'extra' (see 'aifeed schema --help')" },
        { ["healthcheck", "--url", "localhost:8080"], "aifeed: --url: 'localhost:8080' is not an absolute http(s) URL (see 'aifeed healthcheck --help')" },
        { ["newsletter", "--format", "pdf"], "aifeed: Argument 'pdf' not recognized. Must be one of: 'json' 'html' 'md' 'txt' (see 'aifeed newsletter --help')" },
        { ["newsletter", "--date", "05/12/2026"], "aifeed: --date: '05/12/2026' is not a date in the form yyyy-MM-dd (see 'aifeed newsletter --help')" },
        { ["newsletter", "--date", "1999-12-31"], "aifeed: --date: '1999-12-31' is before 2000-01-01, the earliest date an issue can have (see 'aifeed newsletter --help')" },
        { ["scrape-test"], "aifeed: Option '--source' is required (see 'aifeed scrape-test --help')" },
        { ["scrape-test", "--source", "x", "--file", "a.html", "--url", "https://example.com/"], "aifeed: scrape-test takes --file or --url, not both (see 'aifeed scrape-test --help')" },
        { ["scrape-test", "--source", "x", "--url", "ftp://example.com/"], "aifeed: --url: 'ftp://example.com/' is not an absolute http(s) URL (see 'aifeed scrape-test --help')" },
        { ["check", "--feeds", "feeds.json"], "aifeed: unknown option or argument '--feeds' (see 'aifeed check --help')" },
        { ["repair", "--data"], "aifeed: Required argument missing for option: '--data' (see 'aifeed repair --help')" },
        { ["admin-key", "--length", "8"], "aifeed: unknown option or argument '--length' (see 'aifeed admin-key --help')" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadCommandLine_OneLineNamingTheHelp_ExitsTwo(string[] args, string expected)
    {
        // Act
        var (exitCode, stdout, stderr) = await RunAsync(args);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Equal(expected + Environment.NewLine, stderr);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task RootHelp_ListsEveryVerb_ExitsZeroWithoutServing(string flag)
    {
        // Act
        var (exitCode, stdout, stderr) = await RunAsync([flag]);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.All(Verbs, verb => Assert.Contains($"\n  {verb} ", stdout, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("serve", "--poll-interval <TIMESPAN>")]
    [InlineData("poll", "--source <ID>")]
    [InlineData("validate", "<FILE>")]
    [InlineData("import-opml", "<FILE>")]
    [InlineData("schema", "--output <PATH>")]
    [InlineData("healthcheck", "--url <URL>")]
    [InlineData("newsletter", "--format <html|json|md|txt>")]
    [InlineData("scrape-test", "--source <ID> (REQUIRED)")]
    [InlineData("check", "--data <DIR>")]
    [InlineData("repair", "--data <DIR>")]
    [InlineData("admin-key", "Admin:ApiKey")]
    public async Task VerbHelp_DescribesItsOptions_ExitsZero(string verb, string expected)
    {
        // Act
        var (exitCode, stdout, stderr) = await RunAsync([verb, "--help"]);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        // In process the root command is named after the test host; the executable names it aifeed.
        Assert.Matches($@"Usage:\n  \S+ {verb}", stdout);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion_ExitsZeroWithoutServing()
    {
        // Act
        var (exitCode, stdout, stderr) = await RunAsync(["--version"]);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout);
    }

    [Fact]
    public async Task Serve_ConfigurationKeysAndHostSettings_PassThroughToTheHost()
    {
        // Arrange
        WebApplicationOptions? served = null;

        // Act
        var (exitCode, _, stderr) = await RunAsync(
            ["--environment=Development", "serve", "--data", "d", "--Polling:Enabled=false", "--poll-interval", "00:05:00", "--urls", "http://127.0.0.1:0"],
            options =>
            {
                served = options;
                return Task.CompletedTask;
            });

        // Assert
        Assert.True(exitCode == 0, stderr);
        Assert.NotNull(served);
        Assert.Equal(
            ["--environment=Development", "--Polling:Enabled=false", $"--Storage:DataDirectory={Path.GetFullPath("d")}", "--urls=http://127.0.0.1:0", "--Polling:IntervalOverride=00:05:00"],
            served.Args ?? []);
    }

    [Fact]
    public async Task AdminKey_TwoRuns_TwoDifferentUrlSafeKeysOnStdout()
    {
        // Act
        var first = await RunAsync(["admin-key"]);
        var second = await RunAsync(["admin-key"]);

        // Assert
        Assert.Equal(0, first.ExitCode);
        var key = first.Stdout.TrimEnd();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", key);
        Assert.NotEqual(key, second.Stdout.TrimEnd());
        Assert.Contains($"Admin__ApiKey={key}", first.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args) =>
        RunAsync(args, _ => throw new InvalidOperationException("the command line started the server"));

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, ServeHost serve)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, serve, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
