using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>aifeed check and aifeed repair underneath: a full read-only walk, and an export into a new file.</summary>
public sealed class DataFileRepairTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Check_HealthyFile_EveryCollectionReadAndNothingChanged()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = await DataFileDamage.SeedAsync(folder.Path, 300);
        var before = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        // Act
        var report = DataFileCheck.Run(path);

        // Assert
        Assert.True(report.Healthy, string.Join("; ", report.Collections.SelectMany(c => c.Problems)));
        Assert.Equal(300, report.Collections.Single(c => c.Name == "posts").Documents);
        Assert.Equal(1, report.Collections.Single(c => c.Name == "sources").Documents);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Check_DamagedDataPage_CountsTheUnreadableDocuments()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = await DataFileDamage.SeedAsync(folder.Path, 300);
        DataFileDamage.BreakDataPage(path);

        // Act
        var report = DataFileCheck.Run(path);

        // Assert
        Assert.False(report.Healthy);
        var posts = report.Collections.Single(c => c.Name == "posts");
        Assert.InRange(posts.Unreadable, 1, 10);
        Assert.Equal(300 - posts.Unreadable, posts.Documents);
        Assert.Contains(posts.Problems, p => p.Contains("Page type must be data page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_ServiceHoldsTheFolder_Refused()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = await DataFileDamage.SeedAsync(folder.Path, 5);
        using var running = new LiteDbContext(folder.Path, "aifeed.db");

        // Act + Assert
        Assert.Throws<DataFolderLockedException>(() => DataFileCheck.Run(path));
        Assert.Throws<DataFolderLockedException>(() => DataFileRepair.Run(path, Now));
    }

    [Fact]
    public async Task Repair_DamagedDataPage_CopiesEveryReadableDocumentAndKeepsTheOldFile()
    {
        // Arrange: more posts than LiteDB's Rebuild() survives with a secondary index (~2,550).
        using var folder = new TempDirectory();
        var path = await DataFileDamage.SeedAsync(folder.Path, 3000);
        DataFileDamage.BreakDataPage(path);
        var readable = DataFileCheck.Run(path).Collections.Single(c => c.Name == "posts").Documents;

        // Act
        var report = DataFileRepair.Run(path, Now);

        // Assert
        var posts = report.Collections.Single(c => c.Name == "posts");
        Assert.Equal(readable, posts.Documents);
        Assert.Equal(3000 - readable, posts.Unreadable);
        Assert.Equal($"{path}.damaged-20261126-080000", report.DamagedCopyPath);
        Assert.True(File.Exists(report.DamagedCopyPath));
        var after = DataFileCheck.Run(path);
        Assert.True(after.Healthy);
        Assert.Equal(readable, after.Collections.Single(c => c.Name == "posts").Documents);
        using var context = new LiteDbContext(folder.Path, "aifeed.db");
        var store = new LiteDbPostStore(context);
        Assert.Equal(readable, await store.CountAsync(new Model.PostQuery { Expand = true }, TestContext.Current.CancellationToken));
        Assert.Equal("Post 0 " + new string('x', 2000), (await store.GetAsync("p00000", TestContext.Current.CancellationToken))!.Title);
    }
}
