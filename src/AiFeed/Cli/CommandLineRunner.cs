using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace AiFeed.Cli;

/// <summary>
/// Runs a command line the way every AiFeed executable does (aifeed, and aifeed-poll, which compiles
/// this file in): exit 0 done, 1 a failure (one line on stderr: what went wrong and what to do; the
/// stack trace only with --verbose), 2 a usage error (one line naming the command's --help).
/// </summary>
internal static partial class CommandLineRunner
{
    public static Option<bool> VerboseOption() =>
        new("--verbose") { Description = "On a failure, print the whole exception, not one line", Recursive = true };

    /// <param name="name">The executable's name, as the one-line messages begin and name its help.</param>
    public static async Task<int> RunAsync(string[] args, RootCommand root, Option<bool> verbose, string name, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        // The host's own settings and --Section:Key=value configuration keys pass through on the verbs that build a host; nothing else does.
        // (System.CommandLine reads TreatUnmatchedTokensAsErrors on the root only, so each verb's own setting is applied here.)
        var passesConfiguration = !parse.CommandResult.Command.TreatUnmatchedTokensAsErrors;
        if (parse.Errors.Count == 0 && parse.UnmatchedTokens.FirstOrDefault(t => !passesConfiguration || !IsConfigurationKey(t)) is { } unknown)
        {
            return await UsageAsync(error, parse, name, $"unknown option or argument '{unknown}'");
        }

        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            return await UsageAsync(error, parse, name, parse.Errors[0].Message);
        }

        // The verbs answer Ctrl+C themselves, and serve's host stops gracefully: no forced exit after a timeout.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(invocation);
        }
        catch (CommandLineException ex)
        {
            return await UsageAsync(error, parse, name, ex.Message);
        }
        catch (Exception ex) when (ex is not HostAbortedException && IsOwnProcess)
        {
            // Only as an AiFeed executable (aifeed, aifeed-poll): a host that runs this entry point (WebApplicationFactory,
            // which also stops it with HostAbortedException; build-time OpenAPI tools) wants the exception itself.
            await error.WriteLineAsync($"{name}: {StartupProblems.Describe(ex)}");
            if (parse.GetValue(verbose))
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return 1;
        }
    }

    private static bool IsOwnProcess { get; } = System.Reflection.Assembly.GetEntryAssembly() == typeof(CommandLineRunner).Assembly;

    /// <summary>--Section:Key=value (any configuration key), or one of the host's own settings (--environment=, --contentRoot=, --applicationName=).</summary>
    internal static bool IsConfigurationKey(string token) => ConfigurationKey().IsMatch(token);

    private static async Task<int> UsageAsync(TextWriter error, ParseResult parse, string name, string message)
    {
        var verb = parse.CommandResult.Command is RootCommand ? name : $"{name} {parse.CommandResult.Command.Name}";
        // System.CommandLine lists allowed values on lines of their own; a usage error stays one line.
        await error.WriteLineAsync($"{name}: {Whitespace().Replace(message, " ").Trim().TrimEnd('.')} (see '{verb} --help')");
        return 2;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A section alone comes with an empty value: WebApplicationFactory passes "--Storage=" before "--Storage:DataDirectory=…".
    [GeneratedRegex(@"^--(?:[A-Za-z][\w.-]*(?::[\w.-]+)+=|[A-Za-z][\w.-]*=$|(?:contentRoot|environment|applicationName)=)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurationKey();
}

/// <summary>A usage error found while running a verb (a source that does not exist, a bad value): one line, exit 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>A verb failed for a reason it can name: one line (what went wrong and what to do), exit 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
