using System.Text;
using AiFeed.Catalog;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiFeed.Tests.Catalog;

public sealed class FileCatalogProviderTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    private string FeedsPath => folder.File("feeds.json");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Evaluate_InvalidAfterValid_KeepsLastGoodAndReportsErrors()
    {
        // Arrange
        File.WriteAllText(FeedsPath, Catalog("a", "b"));
        var provider = Create();
        var changes = new List<CatalogChangedEventArgs>();
        provider.Changed += (_, e) => changes.Add(e);
        clock.Advance(TimeSpan.FromMinutes(1));

        // Act
        var applied = provider.Evaluate(new FileContent(Encoding.UTF8.GetBytes("{\"feeds\": [ {\"id\": \"a\""), null));

        // Assert
        Assert.False(applied);
        Assert.Equal(["a", "b"], provider.Current.Sources.Select(s => s.Id));
        var error = Assert.Single(provider.Errors);
        Assert.Equal(FeedsPath, error.File);
        Assert.StartsWith("invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), provider.AppliedAt);
        Assert.Empty(changes);
    }

    [Fact]
    public void Evaluate_ValidEdit_SwapsAndRaisesChangeWithDiff()
    {
        // Arrange
        File.WriteAllText(FeedsPath, Catalog("a", "b"));
        var provider = Create();
        CatalogChangedEventArgs? change = null;
        provider.Changed += (_, e) => change = e;
        clock.Advance(TimeSpan.FromMinutes(1));

        // Act
        var applied = provider.Evaluate(new FileContent(Encoding.UTF8.GetBytes(Catalog("b", "c").Replace("Source b", "Renamed b", StringComparison.Ordinal)), null));

        // Assert
        Assert.True(applied);
        Assert.Equal(["b", "c"], provider.Current.Sources.Select(s => s.Id));
        Assert.Empty(provider.Errors);
        Assert.Equal(clock.GetUtcNow(), provider.AppliedAt);
        Assert.NotNull(change);
        Assert.Equal(["c"], change.Added);
        Assert.Equal(["a"], change.Removed);
        Assert.Equal(["b"], change.Modified);
        Assert.False(change.DefaultsChanged);
    }

    [Fact]
    public void Evaluate_SameContentTwice_SecondIgnored()
    {
        // Arrange
        File.WriteAllText(FeedsPath, Catalog("a"));
        var provider = Create();
        var content = new FileContent(Encoding.UTF8.GetBytes(Catalog("a", "b")), null);

        // Act
        var first = provider.Evaluate(content);
        var second = provider.Evaluate(content);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.False(provider.IsNew(content));
    }

    [Fact]
    public void Evaluate_FileDeleted_KeepsLastGoodAndSaysCannotRead()
    {
        // Arrange
        File.WriteAllText(FeedsPath, Catalog("a"));
        var provider = Create();
        File.Delete(FeedsPath);

        // Act
        provider.Evaluate(provider.ReadFile());

        // Assert
        Assert.Equal(["a"], provider.Current.Sources.Select(s => s.Id));
        Assert.StartsWith("cannot read the catalog", Assert.Single(provider.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidFile_NoSourcesNoAppliedAt()
    {
        // Arrange
        File.WriteAllText(FeedsPath, "{\"feeds\": 3}");

        // Act
        var provider = Create();

        // Assert
        Assert.Empty(provider.Current.Sources);
        Assert.Null(provider.AppliedAt);
        Assert.Contains("expected an array", Assert.Single(provider.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watcher_FileRewrittenWhileSettling_ValidatesTheFinalContentOnly()
    {
        // Arrange
        File.WriteAllText(FeedsPath, Catalog("a"));
        var provider = Create();
        var watcher = new CatalogWatcher(provider, new FixedOptionsMonitor<CatalogOptions>(new CatalogOptions { FeedsPath = FeedsPath }), NullLogger<CatalogWatcher>.Instance);
        var settle = new FakeTimeProvider();
        File.WriteAllText(FeedsPath, "{\"feeds\": [");
        var check = watcher.CheckAsync(TimeSpan.FromMilliseconds(200), settle, TestContext.Current.CancellationToken);

        // Act: the editor's second step lands while the first is settling. The settle delay runs on
        // a fake clock, so a busy machine cannot let it expire before the second write.
        File.WriteAllText(FeedsPath, Catalog("a", "b"));
        while (!check.IsCompleted)
        {
            settle.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await check;

        // Assert
        Assert.Empty(provider.Errors);
        Assert.Equal(["a", "b"], provider.Current.Sources.Select(s => s.Id));
    }

    private FileCatalogProvider Create() =>
        new(new FixedOptionsMonitor<CatalogOptions>(new CatalogOptions { FeedsPath = FeedsPath }), clock, NullLogger<FileCatalogProvider>.Instance);

    private static string Catalog(params string[] ids) =>
        "{\"feeds\": [" + string.Join(",", ids.Select(id => $"{{\"id\": \"{id}\", \"name\": \"Source {id}\", \"url\": \"https://{id}.example.org/feed\"}}")) + "]}";
}
