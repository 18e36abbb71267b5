using System.Reflection;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using LiteDB;

namespace AiFeed.Tests.Storage;

/// <summary>The one-shot poll's LiteDB page cache grows in small segments (decision 0077).</summary>
public sealed class LiteDbPageCacheTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void KeepSmall_StoreWrittenPastLiteDbsFirstSegments_CacheHoldsFarFewerPages()
    {
        // Arrange: the sizes LiteDB ships, put back afterwards for the rest of the test process.
        var sizes = LiteDbPageCache.SegmentSizes;
        Assert.NotNull(sizes);
        var shipped = (int[])sizes.GetValue(null)!;
        int byDefault;
        int small;
        try
        {
            // Act: the same writes, one transaction each, with LiteDB's sizes and then with the small ones.
            byDefault = CachedPagesAfterWrites(folder.File("default.db"));
            Assert.True(LiteDbPageCache.KeepSmall());
            small = CachedPagesAfterWrites(folder.File("small.db"));
        }
        finally
        {
            sizes.SetValue(null, shipped);
        }

        // Assert: LiteDB's own sizes took its large segment; the small ones reused idle pages instead.
        Assert.True(small * 2 < byDefault, $"cache pages: {small} with small segments, {byDefault} with LiteDB's");
    }

    // Writes about twice as many pages as LiteDB's first four segments hold, one small transaction
    // at a time (few pages in use at once), and returns the pages its page cache allocated.
    private static int CachedPagesAfterWrites(string path)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var collection = database.GetCollection("posts");
        var text = new string('x', 3_000);
        for (var i = 0; i < 2_500; i++)
        {
            collection.Insert(new BsonDocument { ["_id"] = i, ["text"] = text });
        }

        return CachedPages(database);
    }

    // LiteDB keeps its page cache out of reach: LiteDatabase._engine → LiteEngine._disk → DiskService.Cache.
    private static int CachedPages(LiteDatabase database)
    {
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var engine = typeof(LiteDatabase).GetField("_engine", Private)!.GetValue(database)!;
        var disk = engine.GetType().GetField("_disk", Private)!.GetValue(engine)!;
        var cache = disk.GetType().GetProperty("Cache")!.GetValue(disk)!;
        return (int)cache.GetType().GetProperty("ExtendPages")!.GetValue(cache)!;
    }
}
