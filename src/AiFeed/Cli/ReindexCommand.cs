using System.CommandLine;
using System.Diagnostics;
using AiFeed.Storage;

namespace AiFeed.Cli;

/// <summary>
/// aifeed reindex: rebuilds the search index (the data folder's "-index" folder) from every stored
/// post. The posts are not changed; the old index serves until the new one is committed.
/// </summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild the search index from every stored post; the posts are not changed.");
        var host = HostArguments.AddTo(command, feeds: false, overrides: false);
        command.SetAction((parse, cancellationToken) => RunAsync(host.Configuration(parse), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] configuration, CancellationToken cancellationToken)
    {
        var path = DataFileArguments.Resolve(configuration);
        var watch = Stopwatch.StartNew();
        using var context = new LiteDbContext(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        var store = new LiteDbPostStore(context);
        var count = await store.RebuildIndexAsync(cancellationToken);
        Console.WriteLine($"indexed {count} posts into '{context.Index.Path}' in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
