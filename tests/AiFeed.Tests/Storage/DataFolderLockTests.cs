using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

public sealed class DataFolderLockTests
{
    [Fact]
    public void Open_SecondContextOnSameFolder_IsRefusedWithClearMessage()
    {
        // Arrange
        using var folder = new TempDirectory();
        using var first = new LiteDbContext(folder.Path, "aifeed.db");

        // Act
        var error = Assert.Throws<DataFolderLockedException>(() => new LiteDbContext(folder.Path, "aifeed.db"));

        // Assert
        Assert.Contains("another AiFeed process is using the data folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterFirstDisposed_Succeeds()
    {
        // Arrange
        using var folder = new TempDirectory();
        new LiteDbContext(folder.Path, "aifeed.db").Dispose();

        // Act
        using var second = new LiteDbContext(folder.Path, "aifeed.db");

        // Assert
        Assert.True(File.Exists(second.DatabasePath));
    }

    [Fact]
    public async Task Open_FirstReleasedWhileSecondWaits_SecondOpens()
    {
        // Arrange: a restart whose old process is still closing the store.
        using var folder = new TempDirectory();
        var first = new LiteDbContext(folder.Path, "aifeed.db");
        var opening = Task.Run(() => new LiteDbContext(folder.Path, "aifeed.db"), TestContext.Current.CancellationToken);

        // Act: released while the second open waits (well inside DataFolderLock.ReleaseGrace).
        await Task.Delay(200, TestContext.Current.CancellationToken);
        first.Dispose();
        using var second = await opening;

        // Assert
        Assert.True(File.Exists(second.DatabasePath));
    }

    [Fact]
    public void Open_EveryOtherFileInFolderDeletedWhileRunning_SecondWriterStillRefused()
    {
        // Arrange: a lock that lived in a side file ("it holds a PID, so it must be stale") went
        // with it; the lock is on the data file itself.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the data file itself is locked on Linux; elsewhere the lock is a side file");
        using var folder = new TempDirectory();
        using var first = new LiteDbContext(folder.Path, "aifeed.db");
        foreach (var file in Directory.GetFiles(folder.Path).Where(f => f != first.DatabasePath))
        {
            File.Delete(file);
        }

        // Act
        var error = Assert.Throws<DataFolderLockedException>(() => new LiteDbContext(folder.Path, "aifeed.db"));

        // Assert
        Assert.Contains($"it holds '{first.DatabasePath}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.lock"));
    }

    [Fact]
    public async Task Write_DataFileReplacedWhileRunning_RefusedAndReadinessSaysWhy()
    {
        // Arrange: the file the process locked is moved away and another takes its name.
        using var folder = new TempDirectory();
        using var context = new LiteDbContext(folder.Path, "aifeed.db");
        using var states = new LiteDbSourceStateStore(context);
        File.Move(context.DatabasePath, context.DatabasePath + ".old");
        await File.WriteAllBytesAsync(context.DatabasePath, [], TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAsync<DataFolderLockLostException>(
            () => states.SaveAsync(new SourceState { SourceId = "s" }, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("was moved, replaced or deleted while AiFeed was running", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, StoreErrors.Describe(error));
        Assert.Equal(0, new FileInfo(context.DatabasePath).Length);
    }

    [Fact]
    public async Task Open_DamagedCollectionPage_OneLineSayingWhatToDo()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = await DataFileDamage.SeedAsync(folder.Path, 10);
        DataFileDamage.BreakCollectionPage(path);

        // Act
        var error = Assert.Throws<DataFileDamagedException>(() => new LiteDbContext(folder.Path, "aifeed.db"));

        // Assert
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith($"the data file '{path}' is damaged (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"run 'aifeed check --data {folder.Path}' and 'aifeed repair --data {folder.Path}' (docs/operations.md)", error.Message, StringComparison.Ordinal);
    }
}
