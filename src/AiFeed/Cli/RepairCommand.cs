using System.CommandLine;
using AiFeed.Storage;

namespace AiFeed.Cli;

/// <summary>
/// aifeed repair: copies every readable document into a new data file (export and re-import; on a
/// healthy file, a compaction) and keeps the old file beside it. Exit 0 when the new file is in
/// place, also when documents were lost (they are named; feeds bring most posts back), 1 when
/// nothing could be done.
/// </summary>
internal static class RepairCommand
{
    public static Command Create()
    {
        var command = new Command("repair", "Copy every readable document of the data file into a new one, keeping the old file beside it.");
        var host = HostArguments.AddTo(command, feeds: false, overrides: false);
        command.SetAction(parse => Run(host.Configuration(parse), TimeProvider.System));
        return command;
    }

    private static int Run(string[] configuration, TimeProvider time)
    {
        var path = DataFileArguments.Resolve(configuration);
        RepairReport report;
        try
        {
            report = DataFileRepair.Run(path, time.GetUtcNow());
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"aifeed: repair failed: {ex.Message}");
            return 1;
        }

        foreach (var collection in report.Collections)
        {
            Console.WriteLine($"{collection.Name}: {collection.Documents} documents copied{(collection.Unreadable > 0 ? $", {collection.Unreadable} lost" : string.Empty)}");
            foreach (var problem in collection.Problems)
            {
                Console.WriteLine($"  {problem}");
            }
        }

        Console.WriteLine($"repaired: {report.DatabasePath} is a new file; the old one is kept as {report.DamagedCopyPath}");
        var lost = report.Collections.Sum(c => c.Unreadable);
        if (lost > 0)
        {
            Console.Error.WriteLine($"aifeed: {lost} documents could not be read and were not copied (listed above); posts come back with the next polls while their feeds still carry them");
        }

        return 0;
    }
}
