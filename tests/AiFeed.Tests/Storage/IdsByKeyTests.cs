using AiFeed.Storage;

namespace AiFeed.Tests.Storage;

/// <summary>The in-memory indexes' ids per key, held as one id until a key has several.</summary>
public sealed class IdsByKeyTests
{
    [Fact]
    public void AddAndRemove_OneThenSeveralThenOne_KeepsOrderAndDropsEmptyKeys()
    {
        // Arrange
        var map = new IdsByKey();

        // Act and assert: one id, then a list, then back to one, then nothing.
        map.Add("k", "a");
        Assert.Equal(["a"], map.NewestFirst("k"));
        map.Add("k", "b");
        map.Add("k", "c");
        Assert.Equal(["c", "b", "a"], map.NewestFirst("k"));
        map.Remove("k", "b");
        map.Remove("k", "a");
        Assert.Equal(["c"], map.NewestFirst("k"));
        map.Remove("k", "x");
        Assert.Equal(["c"], map.NewestFirst("k"));
        map.Remove("k", "c");
        Assert.Empty(map.NewestFirst("k"));
        var into = new List<string>();
        map.AddTo("k", into);
        Assert.Empty(into);
    }

    [Fact]
    public void AddTo_SeveralKeys_AppendsOldestFirst()
    {
        // Arrange
        var map = new IdsByKey();
        map.Add("one", "a");
        map.Add("many", "b");
        map.Add("many", "c");
        var into = new List<string> { "z" };

        // Act
        map.AddTo("one", into);
        map.AddTo("many", into);
        map.AddTo("none", into);

        // Assert
        Assert.Equal(["z", "a", "b", "c"], into);
    }
}
