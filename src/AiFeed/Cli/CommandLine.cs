using System.CommandLine;

namespace AiFeed.Cli;

/// <summary>
/// The executable's command line, on System.CommandLine: serve (the default) and the verbs. Exit
/// codes: 0 done, 1 a failure (one line on stderr: what went wrong and what to do; the stack trace
/// only with --verbose), 2 a usage error (one line naming the verb's --help).
/// </summary>
public static class CommandLine
{
    /// <summary>Runs the command line; <paramref name="serve"/> runs the web host for serve, the default verb.</summary>
    public static Task<int> RunAsync(string[] args, ServeHost serve) =>
        RunAsync(args, serve, Console.Out, Console.Error);

    internal static Task<int> RunAsync(string[] args, ServeHost serve, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verbose = CommandLineRunner.VerboseOption();
        return CommandLineRunner.RunAsync(args, Create(serve, verbose), verbose, "aifeed", output, error);
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
}

/// <summary>Builds and runs the web host for serve (Program.cs holds it, so it stays the table of contents).</summary>
public delegate Task ServeHost(WebApplicationOptions options);
