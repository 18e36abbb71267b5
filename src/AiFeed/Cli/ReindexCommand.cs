using System.Diagnostics;
using AiFeed.Storage;

namespace AiFeed.Cli;

/// <summary>
/// aifeed reindex: rebuilds the search index (the data folder's "-index" folder) from every stored
/// post. The posts are not changed; the old index serves until the new one is committed.
/// </summary>
internal static class ReindexCommand
{
    public static async Task<int> RunAsync(CommandLineArguments args)
    {
        var path = DataFileArguments.Resolve(args);
        var watch = Stopwatch.StartNew();
        using var context = new LiteDbContext(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        var store = new LiteDbPostStore(context);
        var count = await store.RebuildIndexAsync(CancellationToken.None);
        Console.WriteLine($"indexed {count} posts into '{context.Index.Path}' in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
