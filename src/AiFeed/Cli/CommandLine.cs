using System.Globalization;
using AiFeed.Storage;

namespace AiFeed.Cli;

/// <summary>
/// The executable's verbs: serve (default), poll, validate, import-opml, schema, healthcheck, newsletter, scrape-test, check, repair. Errors are
/// one line on stderr with a non-zero exit: 1 for a failed check (invalid feeds.json, a damaged data file), 2 for a usage or environment error.
/// </summary>
public static class CommandLine
{
    private static readonly HashSet<string> ServeOptions = ["--feeds", "--data", "--urls", "--poll-interval"];
    private static readonly HashSet<string> PollOptions = ["--feeds", "--data", "--source"];
    private static readonly HashSet<string> ValidateOptions = ["--feeds"];
    private static readonly HashSet<string> ImportOptions = ["--feeds"];
    private static readonly HashSet<string> SchemaOptions = ["--output"];
    private static readonly HashSet<string> HealthcheckOptions = ["--url"];
    private static readonly HashSet<string> NewsletterOptions = ["--feeds", "--data", "--date", "--format"];
    private static readonly HashSet<string> ScrapeTestOptions = ["--feeds", "--source", "--file", "--url"];
    private static readonly HashSet<string> DataOptions = ["--data"];
    private static readonly HashSet<string> PollFlags = ["--json"];
    private static readonly HashSet<string> NoFlags = [];

    public const string Usage = """
        usage: aifeed [serve] [--feeds PATH] [--data DIR] [--urls URL] [--poll-interval TIMESPAN]
               aifeed poll [--feeds PATH] [--data DIR] [--source ID] [--json]
               aifeed validate [--feeds PATH]
               aifeed import-opml FILE [--feeds PATH]
               aifeed schema [--output PATH]
               aifeed healthcheck [--url URL]
               aifeed newsletter [--date yyyy-MM-dd|latest] [--format json|html|md|txt] [--feeds PATH] [--data DIR]
               aifeed scrape-test --source ID [--file page.html | --url URL] [--feeds PATH]
               aifeed check [--data DIR]
               aifeed repair [--data DIR]
        """;

    /// <summary>Runs a verb other than serve; null means serve.</summary>
    public static Task<int>? TryRunVerb(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        return verb switch
        {
            "serve" => CheckServe(args),
            "poll" => Guard(() => PollCommand.RunAsync(Parse(args, PollOptions, PollFlags))),
            "validate" => Guard(() => Task.FromResult(ValidateCommand.Run(Parse(args, ValidateOptions, NoFlags)))),
            "import-opml" => Guard(() => Task.FromResult(RunImport(args))),
            "schema" => Guard(() => Task.FromResult(SchemaCommand.Run(Parse(args, SchemaOptions, NoFlags)))),
            "healthcheck" => Guard(() => HealthcheckCommand.RunAsync(Parse(args, HealthcheckOptions, NoFlags))),
            "newsletter" => Guard(() => NewsletterCommand.RunAsync(Parse(args, NewsletterOptions, NoFlags))),
            "scrape-test" => Guard(() => ScrapeTestCommand.RunAsync(Parse(args, ScrapeTestOptions, NoFlags))),
            "check" => Guard(() => Task.FromResult(CheckCommand.Run(Parse(args, DataOptions, NoFlags)))),
            "repair" => Guard(() => Task.FromResult(RepairCommand.Run(Parse(args, DataOptions, NoFlags), TimeProvider.System))),
            "help" or "--help" or "-h" => Print(Usage, 0),
            _ => Print($"aifeed: unknown command '{verb}'\n{Usage}", 2),
        };
    }

    /// <summary>Host arguments for serve: our flags become configuration keys, the rest passes through.</summary>
    public static WebApplicationOptions ServeArguments(string[] args)
    {
        var parsed = CommandLineArguments.Parse(args, ServeOptions, NoFlags);
        var hostArgs = new List<string>(parsed.Rest);
        hostArgs.AddRange(ConfigurationArguments(parsed));
        if (parsed["--urls"] is { } urls)
        {
            hostArgs.Add($"--urls={urls}");
        }
        else if (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null && Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") is null)
        {
            hostArgs.Add("--urls=http://localhost:8080");
        }

        if (parsed["--poll-interval"] is { } interval)
        {
            hostArgs.Add($"--Polling:IntervalOverride={ParseInterval(interval)}");
        }

        // appsettings.json travels with the binary; relative data and feeds paths stay relative to the working directory.
        var hasContentRoot = parsed.Rest.Exists(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        return new WebApplicationOptions { Args = [.. hostArgs], ContentRootPath = hasContentRoot ? null : AppContext.BaseDirectory };
    }

    internal static IEnumerable<string> ConfigurationArguments(CommandLineArguments parsed)
    {
        if (parsed["--feeds"] is { } feeds)
        {
            yield return $"--Catalog:FeedsPath={Path.GetFullPath(feeds)}";
        }

        if (parsed["--data"] is { } data)
        {
            yield return $"--Storage:DataDirectory={Path.GetFullPath(data)}";
        }
    }

    internal static string ParseInterval(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? interval.ToString("c", CultureInfo.InvariantCulture)
            : throw new CommandLineException($"--poll-interval: '{value}' is not a positive time span such as 00:05:00");

    internal static CommandLineArguments Parse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        var parsed = CommandLineArguments.Parse(args, valued, flags);
        return parsed.Rest.Count > 0 ? throw new CommandLineException($"unknown option '{parsed.Rest[0]}' for '{parsed.Verb}'") : parsed;
    }

    private static int RunImport(string[] args)
    {
        var parsed = CommandLineArguments.Parse(args, ImportOptions, NoFlags);
        if (parsed.Rest.Find(a => a.StartsWith('-')) is { } unknown)
        {
            throw new CommandLineException($"unknown option '{unknown}' for 'import-opml'");
        }

        return parsed.Rest.Count == 1
            ? ImportOpmlCommand.Run(parsed.Rest[0], parsed, TimeProvider.System)
            : throw new CommandLineException("import-opml needs one OPML file: aifeed import-opml FILE [--feeds PATH]");
    }

    private static Task<int>? CheckServe(string[] args)
    {
        try
        {
            _ = ServeArguments(args);
            return null;
        }
        catch (CommandLineException ex)
        {
            return Print($"aifeed: {ex.Message}", 2);
        }
    }

    private static async Task<int> Guard(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (CommandLineException ex)
        {
            await Console.Error.WriteLineAsync($"aifeed: {ex.Message}");
            return 2;
        }
        catch (DataFolderLockedException ex)
        {
            await Console.Error.WriteLineAsync($"aifeed: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (StoreErrors.Describe(ex) is { } line)
        {
            // A damaged data file (or one taken away while running): one line, what to do, no stack trace.
            await Console.Error.WriteLineAsync($"aifeed: {line}");
            return 1;
        }
    }

    private static Task<int> Print(string text, int code)
    {
        (code == 0 ? Console.Out : Console.Error).WriteLine(text);
        return Task.FromResult(code);
    }
}
