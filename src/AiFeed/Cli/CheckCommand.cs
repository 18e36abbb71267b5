using System.CommandLine;
using AiFeed.Storage;

namespace AiFeed.Cli;

/// <summary>
/// aifeed check: reads the whole data file (every document, every index) without changing it; exit
/// 0 when it is healthy, 1 when it is damaged, with one line on stderr that says what to do.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Read the whole data file (every document, every index) without changing it; exit 1 when it is damaged.");
        var host = HostArguments.AddTo(command, feeds: false, overrides: false);
        command.SetAction(parse => Run(host.Configuration(parse)));
        return command;
    }

    private static int Run(string[] configuration)
    {
        var path = DataFileArguments.Resolve(configuration);
        var report = DataFileCheck.Run(path);
        Console.WriteLine($"data file: {report.DatabasePath}");
        foreach (var collection in report.Collections)
        {
            Console.WriteLine(collection.Problems.Count == 0
                ? $"{collection.Name}: {collection.Documents} documents, every document and index readable"
                : $"{collection.Name}: {collection.Documents} documents read; {string.Join("; ", collection.Problems)}");
        }

        if (report.Healthy)
        {
            Console.WriteLine("the data file is healthy");
            return 0;
        }

        var damaged = report.Collections.Where(c => c.Problems.Count > 0).Select(c => c.Unreadable > 0 ? $"{c.Name} ({c.Unreadable} documents unreadable)" : c.Name);
        Console.Error.WriteLine(
            $"aifeed: the data file '{path}' is damaged in {string.Join(", ", damaged)}; stop AiFeed, copy the data folder aside and run 'aifeed repair --data {Path.GetDirectoryName(path)}' (docs/operations.md)");
        return 1;
    }
}
