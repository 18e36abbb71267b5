using System.Runtime.CompilerServices;
using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Ingestion.Reading;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Ingestion;

/// <summary>
/// A source read and waiting for the single writer holds the posts built from its items, not the
/// raw items themselves (decision 0078): a poll keeps many such sources in memory at once.
/// </summary>
public sealed class UnstoredItemsTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task StoreAsync_PostsWaitingForTheWriter_RawItemsNoLongerHeld()
    {
        // Arrange: the writer is held once it has written the posts, before the store returns.
        var ct = TestContext.Current.CancellationToken;
        var writer = new HeldWriter();
        await using var app = new AiFeedApp(CatalogFile.Write(folder.File("feeds.json"), [CatalogFile.Source("alpha", new Uri("http://127.0.0.1:9/alpha.xml"))]));
        await using var held = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPostWriteObserver>(writer)));
        var catalog = held.Services.GetRequiredService<ICatalogProvider>().Current;
        var batch = new SourceStateBatch(held.Services.GetRequiredService<ISourceStateStore>(), []);
        await held.Services.GetRequiredService<IStoreLifecycle>().ReadyAsync(ct);

        // Act: store a read of three items while only weak references to them are kept here.
        var (storing, items) = StartStoring(held.Services.GetRequiredService<FeedRefresher>(), catalog.Find("alpha")!, catalog.Defaults, batch, ct);
        await writer.Entered.WaitAsync(ct);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var stillHeld = items.Count(i => i.IsAlive);
        writer.Release();
        var report = await storing;

        // Assert
        Assert.Equal(0, stillHeld);
        Assert.Equal(3, report.NewPosts);
    }

    // Not inlined: the items and the read are referenced from this frame only until it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Task<RefreshReport> Storing, WeakReference[] Items) StartStoring(FeedRefresher refresher, SourceDefinition source, CatalogDefaults defaults, SourceStateBatch batch, CancellationToken ct)
    {
        var items = Enumerable.Range(1, 3).Select(i => new FeedItem
        {
            Id = $"alpha-{i}",
            Title = $"Alpha post {i}",
            Link = $"https://alpha.example/posts/{i}",
            PublishedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).AddHours(-i),
            ContentHtml = $"<p>{string.Join(' ', Enumerable.Repeat($"Body of alpha post {i}.", 40))}</p>",
        }).ToList();
        var read = new ReadResult { Kind = ReadKind.Items, Via = ReadVia.Feed, Items = items };
        var pending = new FeedRefresher.SourceRead(source, defaults, batch.Get(source.Id), read, new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(30), 0, null);
        return (refresher.StoreAsync(pending, batch, stored: null, ct), [.. items.Select(i => new WeakReference(i))]);
    }

    // Holds the first write's writer, after LiteDB's commit, until released.
    private sealed class HeldWriter : IPostWriteObserver
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => entered.Task;

        public void Release() => released.TrySetResult();

        public async ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }
    }
}
