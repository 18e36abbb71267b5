using System.Runtime.InteropServices;

namespace AiFeed.Search;

/// <summary>
/// The clustering keys of the posts written since the index's searcher last reopened. Story
/// lookups read the searcher and this together, so a write batch needs no reopen (each one
/// flushed a small segment, and merging those back was a quarter of a cold poll's CPU); any other
/// read reopens first (<see cref="PostIndex.Use{T}"/>), which empties it.
/// </summary>
internal sealed class RecentWrites
{
    // Each post's latest write (a post written twice answers by its last keys only), by write order.
    private readonly Dictionary<string, int> latest = new(StringComparer.Ordinal);
    // By field, then by key: keyed by the pair, every key was hashed with the randomised string hash
    // (the tuple's comparer); a string-keyed dictionary uses the runtime's faster ordinal hash until keys collide.
    private readonly Dictionary<string, Dictionary<string, List<(string Id, int Order)>>> byField = new(StringComparer.Ordinal);
    private int order;

    public int Count => latest.Count;

    /// <summary>The order of the last post added (-1 before the first).</summary>
    public int Last => order - 1;

    public bool Contains(string id) => latest.ContainsKey(id);

    public void Add(IndexedPost indexed)
    {
        var post = indexed.Post;
        var at = order++;
        latest[post.Id] = at;
        foreach (var key in post.StoryKeys.Concat(post.Links).Distinct(StringComparer.Ordinal))
        {
            Index(PostFields.StoryKey, key, post.Id, at);
        }

        if (post.TitleKey.Length > 0)
        {
            Index(PostFields.TitleKey, post.TitleKey, post.Id, at);
        }

        foreach (var band in post.TextBands.Distinct(StringComparer.Ordinal))
        {
            Index(PostFields.TextBand, band, post.Id, at);
        }
    }

    /// <summary>Ids of the recent posts with this key, newest written first.</summary>
    public IEnumerable<string> With(string field, string key)
    {
        if (!byField.TryGetValue(field, out var byKey) || !byKey.TryGetValue(key, out var written))
        {
            yield break;
        }

        for (var i = written.Count - 1; i >= 0; i--)
        {
            var (id, at) = written[i];
            if (latest[id] == at)
            {
                yield return id;
            }
        }
    }

    /// <summary>
    /// Drops the writes up to <paramref name="through"/> (<see cref="Last"/> then): a reopened
    /// searcher holds them. A post written again later keeps its later write.
    /// </summary>
    public void Forget(int through)
    {
        foreach (var (id, at) in latest)
        {
            if (at <= through)
            {
                latest.Remove(id);
            }
        }

        foreach (var byKey in byField.Values)
        {
            foreach (var (key, written) in byKey)
            {
                written.RemoveAll(w => w.Order <= through);
                if (written.Count == 0)
                {
                    byKey.Remove(key);
                }
            }
        }
    }

    private void Index(string field, string key, string id, int at)
    {
        if (!byField.TryGetValue(field, out var byKey))
        {
            byField[field] = byKey = new(StringComparer.Ordinal);
        }

        ref var written = ref CollectionsMarshal.GetValueRefOrAddDefault(byKey, key, out _);
        (written ??= []).Add((id, at));
    }
}
