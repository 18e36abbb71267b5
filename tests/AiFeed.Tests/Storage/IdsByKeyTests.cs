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
        Assert.Equal(["a"], Newest(map, "k"));
        map.Add("k", "b");
        map.Add("k", "c");
        Assert.Equal(["c", "b", "a"], Newest(map, "k"));
        map.Remove("k", "b");
        map.Remove("k", "a");
        Assert.Equal(["c"], Newest(map, "k"));
        map.Remove("k", "x");
        Assert.Equal(["c"], Newest(map, "k"));
        map.Remove("k", "c");
        Assert.Empty(Newest(map, "k"));
    }

    [Fact]
    public void NewestFirst_Cap_StopsAfterTheNewest()
    {
        // Arrange
        var map = new IdsByKey();
        map.Add("one", "a");
        map.Add("many", "b");
        map.Add("many", "c");
        map.Add("many", "d");

        // Act & Assert
        Assert.Equal(["d", "c"], Newest(map, "many", cap: 2));
        Assert.Equal(["a"], Newest(map, "one", cap: 2));
        Assert.Empty(Newest(map, "one", cap: 0));
        Assert.Empty(Newest(map, "none", cap: 2));
    }

    private static List<string> Newest(IdsByKey map, string key, int cap = int.MaxValue)
    {
        var ids = new List<string>();
        map.NewestFirst(key, cap, ids, static (into, id) => into.Add(id));
        return ids;
    }
}
