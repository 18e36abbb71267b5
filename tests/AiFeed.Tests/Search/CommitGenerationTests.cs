using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using Lucene.Net.Index;

namespace AiFeed.Tests.Search;

/// <summary>The last commit's generation read from an index folder's file names, without Lucene, as Lucene reads it.</summary>
public sealed class CommitGenerationTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("segments.gen _0.cfs")]
    [InlineData("segments")]
    [InlineData("segments_1 segments_2 segments.gen _1.si")]
    [InlineData("segments_z segments_10 segments_9")]
    [InlineData("segments_1a2b write.lock")]
    public void LastCommitGeneration_FolderOfIndexFiles_MatchesLucene(string files)
    {
        // Arrange
        var names = files.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var path = folder.File("index");
        Directory.CreateDirectory(path);
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(path, name), []);
        }

        // Act
        var generation = PostIndex.LastCommitGeneration(path);

        // Assert
        Assert.Equal(SegmentInfos.GetLastCommitGeneration(names), generation);
    }

    [Fact]
    public void LastCommitGeneration_NoFolder_IsMinusOne()
    {
        // Act
        var generation = PostIndex.LastCommitGeneration(folder.File("missing"));

        // Assert
        Assert.Equal(-1, generation);
    }
}
