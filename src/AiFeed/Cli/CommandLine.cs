using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace AiFeed.Cli;

/// <summary>
/// The executable's command line, on System.CommandLine: serve (the default) and the verbs. Exit
/// codes: 0 done, 1 a failure (one line on stderr: what went wrong and what to do; the stack trace
/// only with --verbose), 2 a usage error (one line naming the verb's --help).
/// </summary>
public static partial class CommandLine
{
    /// <summary>Runs the command line; <paramref name="serve"/> runs the web host for serve, the default verb.</summary>
    public static Task<int> RunAsync(string[] args, ServeHost serve) =>
        RunAsync(args, serve, Console.Out, Console.Error);

    internal static async Task<int> RunAsync(string[] args, ServeHost serve, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verbose = new Option<bool>("--verbose") { Description = "On a failure, print the whole exception, not one line", Recursive = true };
        var root = Create(serve, verbose);
        var parse = root.Parse(args);
        // The host's own settings and --Section:Key=value configuration keys pass through on the verbs that build a host; nothing else does.
        // (System.CommandLine reads TreatUnmatchedTokensAsErrors on the root only, so each verb's own setting is applied here.)
        var passesConfiguration = !parse.CommandResult.Command.TreatUnmatchedTokensAsErrors;
        if (parse.Errors.Count == 0 && parse.UnmatchedTokens.FirstOrDefault(t => !passesConfiguration || !IsConfigurationKey(t)) is { } unknown)
        {
            return await UsageAsync(error, parse, $"unknown option or argument '{unknown}'");
        }

        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            return await UsageAsync(error, parse, parse.Errors[0].Message);
        }

        // The verbs answer Ctrl+C themselves, and serve's host stops gracefully: no forced exit after a timeout.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(invocation);
        }
        catch (CommandLineException ex)
        {
            return await UsageAsync(error, parse, ex.Message);
        }
        catch (Exception ex) when (ex is not HostAbortedException && IsOwnProcess)
        {
            // Only as the aifeed executable: a host that runs this entry point (WebApplicationFactory,
            // which also stops it with HostAbortedException; build-time OpenAPI tools) wants the exception itself.
            await error.WriteLineAsync($"aifeed: {StartupProblems.Describe(ex)}");
            if (parse.GetValue(verbose))
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return 1;
        }
    }

    internal static RootCommand Create(ServeHost serve, Option<bool> verbose)
    {
        var root = new RootCommand("AiFeed: polls the AI/ML feeds in feeds.json and serves a reader, an API, consolidated feeds, a study plan and a newsletter.");
        root.Options.Add(verbose);
        ServeCommand.Configure(root, serve);
        root.Subcommands.Add(ServeCommand.Create(serve));
        root.Subcommands.Add(PollCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ImportOpmlCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(HealthcheckCommand.Create());
        root.Subcommands.Add(NewsletterCommand.Create());
        root.Subcommands.Add(ScrapeTestCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(RepairCommand.Create());
        root.Subcommands.Add(ReindexCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(CopyStoreCommand.Create());
        root.Subcommands.Add(AdminKeyCommand.Create());
        return root;
    }

    private static bool IsOwnProcess { get; } = System.Reflection.Assembly.GetEntryAssembly() == typeof(CommandLine).Assembly;

    /// <summary>--Section:Key=value (any configuration key), or one of the host's own settings (--environment=, --contentRoot=, --applicationName=).</summary>
    internal static bool IsConfigurationKey(string token) => ConfigurationKey().IsMatch(token);

    private static async Task<int> UsageAsync(TextWriter error, ParseResult parse, string message)
    {
        var verb = parse.CommandResult.Command is RootCommand ? "aifeed" : $"aifeed {parse.CommandResult.Command.Name}";
        // System.CommandLine lists allowed values on lines of their own; a usage error stays one line.
        await error.WriteLineAsync($"aifeed: {Whitespace().Replace(message, " ").Trim().TrimEnd('.')} (see '{verb} --help')");
        return 2;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A section alone comes with an empty value: WebApplicationFactory passes "--Storage=" before "--Storage:DataDirectory=…".
    [GeneratedRegex(@"^--(?:[A-Za-z][\w.-]*(?::[\w.-]+)+=|[A-Za-z][\w.-]*=$|(?:contentRoot|environment|applicationName)=)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurationKey();
}

/// <summary>Builds and runs the web host for serve (Program.cs holds it, so it stays the table of contents).</summary>
public delegate Task ServeHost(WebApplicationOptions options);

/// <summary>A usage error found while running a verb (a source that does not exist, a bad value): one line, exit 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>A verb failed for a reason it can name: one line (what went wrong and what to do), exit 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
