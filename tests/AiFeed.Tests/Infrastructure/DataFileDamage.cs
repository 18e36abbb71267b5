using AiFeed.Storage;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// Damages a closed LiteDB 5 file the way two writers do: a page that is not what LiteDB expects
/// there. A page is 8 KB; its header starts with the page id (4 bytes) and the page type (1 byte).
/// </summary>
internal static class DataFileDamage
{
    private const int PageSize = 8192;
    private const int PageTypeOffset = 4;
    private const byte CollectionPage = 2;
    private const byte IndexPage = 3;
    private const byte DataPage = 4;

    /// <summary>A data folder with <paramref name="posts"/> posts and one source state, closed (checkpointed).</summary>
    public static async Task<string> SeedAsync(string folder, int posts)
    {
        using (var context = new LiteDbContext(folder, "aifeed.db"))
        {
            await new LiteDbPostStore(context).SaveAsync(
                [.. Enumerable.Range(0, posts).Select(i => Storage.TestPosts.Make(i, title: $"Post {i} " + new string('x', 2000)))],
                TestContext.Current.CancellationToken);
            using var states = new LiteDbSourceStateStore(context);
            await states.SaveAsync(new Model.SourceState { SourceId = "s", LastError = "none" }, TestContext.Current.CancellationToken);
        }

        return Path.Combine(folder, "aifeed.db");
    }

    /// <summary>Marks a data page in the middle as an index page: the documents on it no longer read ("Page type must be data page").</summary>
    public static void BreakDataPage(string path) => Retype(path, DataPage, IndexPage, middle: true);

    /// <summary>Marks the collection page as an index page: the file no longer opens.</summary>
    public static void BreakCollectionPage(string path) => Retype(path, CollectionPage, IndexPage, middle: false);

    private static void Retype(string path, byte from, byte to, bool middle)
    {
        var bytes = File.ReadAllBytes(path);
        var pages = Enumerable.Range(0, bytes.Length / PageSize).Where(p => bytes[(p * PageSize) + PageTypeOffset] == from).ToList();
        Assert.NotEmpty(pages);
        bytes[((middle ? pages[pages.Count / 2] : pages[0]) * PageSize) + PageTypeOffset] = to;
        File.WriteAllBytes(path, bytes);
    }
}
