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
}
