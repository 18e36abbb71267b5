using AiFeed.Model;

namespace AiFeed.Tests.Storage;

/// <summary>Posts as the store keeps them, for the storage tests.</summary>
internal static class TestPosts
{
    /// <summary>Post <paramref name="i"/> ("p00042"), i minutes into 2026, alone in its cluster and leading it.</summary>
    public static Post Make(int i, string? title = null, string source = "s", List<string>? tags = null)
    {
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i);
        var id = $"p{i:D5}";
        var key = $"{at.Ticks:D19}:{id}";
        return new Post
        {
            Id = id, SourceId = source, Sources = [source], Title = title ?? $"Post {i}", Tags = tags ?? [],
            SortAt = at, SortKey = key, LeadKey = key, ClusterId = id,
        };
    }
}
