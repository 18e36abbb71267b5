namespace AiFeed.Storage;

/// <summary>
/// Post ids per key for the in-memory indexes, oldest first. Most story keys, title keys and
/// SimHash bands belong to one post, so a key holds its one id as is and a list only from the
/// second: a list per key cost ~90 bytes, ~500 of the ~3 KB the in-memory indexes took per post.
/// </summary>
internal sealed class IdsByKey
{
    // A string (one id) or a List<string> (several).
    private readonly Dictionary<string, object> map = new(StringComparer.Ordinal);

    public void Add(string key, string id)
    {
        if (!map.TryGetValue(key, out var held))
        {
            map.Add(key, id);
        }
        else if (held is List<string> ids)
        {
            ids.Add(id);
        }
        else
        {
            map[key] = new List<string>(2) { (string)held, id };
        }
    }

    public void Remove(string key, string id)
    {
        if (!map.TryGetValue(key, out var held))
        {
            return;
        }

        if (held is List<string> ids)
        {
            if (ids.Remove(id) && ids.Count == 1)
            {
                map[key] = ids[0];
            }
        }
        else if (string.Equals((string)held, id, StringComparison.Ordinal))
        {
            map.Remove(key);
        }
    }

    /// <summary>Calls <paramref name="each"/> with at most <paramref name="cap"/> ids of <paramref name="key"/>, newest added first, without an iterator.</summary>
    public void NewestFirst<TState>(string key, int cap, TState state, Action<TState, string> each)
    {
        ArgumentNullException.ThrowIfNull(each);
        if (!map.TryGetValue(key, out var held))
        {
            return;
        }

        if (held is List<string> ids)
        {
            for (var i = ids.Count - 1; i >= 0 && ids.Count - i <= cap; i--)
            {
                each(state, ids[i]);
            }
        }
        else if (cap > 0)
        {
            each(state, (string)held);
        }
    }
}
