namespace AiFeed.Storage;

/// <summary>
/// One instance per distinct value of a field with few values (source ids, tags). Posts read from
/// LiteDB carry their own copy of each, and the in-memory indexes keep them for every post.
/// Not thread-safe: each index has its own, used under the store's gate or by its one builder.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public string Get(string value)
    {
        if (!values.TryGetValue(value, out var pooled))
        {
            values.Add(value, pooled = value);
        }

        return pooled;
    }
}
