using System.CommandLine;
using AiFeed.Catalog;

namespace AiFeed.Cli;

/// <summary>aifeed validate [FILE]: each error as file:line:column: message; exit 1 if any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check a catalog file; each problem is printed as file:line:column: message.");
        var file = OptionValues.File("FILE", "The catalog file [default: --feeds, or feeds.json]", ArgumentArity.ZeroOrOne);
        command.Arguments.Add(file);
        var host = HostArguments.AddTo(command, data: false, overrides: false);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(file);
            if (given is not null && parse.GetValue(host.Feeds!) is { } feeds && !string.Equals(Path.GetFullPath(given), Path.GetFullPath(feeds), StringComparison.Ordinal))
            {
                throw new CommandLineException($"validate was given two files, '{given}' and --feeds '{feeds}': give one");
            }

            return Run(given ?? host.FeedsPath(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(string path, TextWriter output, TextWriter error)
    {
        var result = CatalogLoader.Load(path);
        foreach (var problem in result.Errors)
        {
            error.WriteLine(problem.ToString());
        }

        if (!result.IsValid)
        {
            return 1;
        }

        var sources = result.Catalog!.Sources;
        output.WriteLine($"{path}: ok, {sources.Count} sources ({sources.Count(s => s.Enabled)} enabled)");
        return 0;
    }
}
