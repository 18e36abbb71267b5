using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// What story clustering looks up, kept in memory next to LiteDB: for every stored post a light
/// copy (identity, URL, dates, cluster, story keys, title key, SimHash and its bands, raw hash), the
/// posts per story key, title key and band, the members of each cluster and the posts per source.
/// Reading candidates from LiteDB cost a second of a 4,000-post cold poll (whole documents read for
/// a projection) plus three multi-key indexes on every write; here a lookup is a few dictionary reads.
/// Derived data like SearchIndex: built from the stored posts on first use and kept current by every
/// write, under the store's gate.
/// </summary>
internal sealed class StoryIndex
{
    private readonly Dictionary<string, Post> posts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> byStoryKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> byTitleKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> byTextBand = new(StringComparer.Ordinal);

    // A cluster's id is its founder's id, so a founder still in its cluster needs no entry: only
    // posts that joined another's cluster are listed here (3 % of a typical poll), per cluster.
    private readonly Dictionary<string, List<string>> joinedByCluster = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> postsBySource = new(StringComparer.Ordinal);

    public void Upsert(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (posts.Remove(post.Id, out var old))
        {
            Unlink(old);
        }

        var light = new Post
        {
            Id = post.Id,
            SourceId = post.SourceId,
            Title = "",
            Url = post.Url,
            SortAt = post.SortAt,
            FirstSeenAt = post.FirstSeenAt,
            ClusterId = post.ClusterId,
            StoryKeys = [.. post.StoryKeys],
            TitleKey = post.TitleKey,
            TextHash = post.TextHash,
            TextBands = [.. post.TextBands],
            RawHash = post.RawHash,
        };
        posts.Add(light.Id, light);
        Link(light);
    }

    /// <summary>The ids of every stored member of the given clusters.</summary>
    public List<string> Members(IEnumerable<string> clusterIds)
    {
        var ids = new List<string>();
        foreach (var cluster in clusterIds)
        {
            if (posts.TryGetValue(cluster, out var founder) && string.Equals(founder.ClusterId, cluster, StringComparison.Ordinal))
            {
                ids.Add(cluster);
            }

            if (joinedByCluster.TryGetValue(cluster, out var joined))
            {
                ids.AddRange(joined);
            }
        }

        return ids;
    }

    /// <summary>Stored posts (one row per source's item) per source.</summary>
    public Dictionary<string, int> CountBySource() => new(postsBySource, StringComparer.Ordinal);

    public bool Contains(string id) => posts.ContainsKey(id);

    public List<StoredPost> Stored(IEnumerable<string> ids) =>
        [.. ids.Select(id => posts.GetValueOrDefault(id)).OfType<Post>().Select(StoredPost.Of)];

    /// <summary>
    /// Light copies of the posts sharing a key of <paramref name="lookup"/>, at most
    /// <paramref name="perKind"/> per kind of key (story, title, band), newest written first.
    /// </summary>
    public List<Post> Candidates(StoryLookup lookup, int perKind)
    {
        var found = new Dictionary<string, Post>(StringComparer.Ordinal);
        Collect(byStoryKey, lookup.StoryKeys, perKind, found);
        Collect(byTitleKey, lookup.TitleKeys, perKind, found);
        Collect(byTextBand, lookup.TextBands, perKind, found);
        return [.. found.Values];
    }

    private void Collect(Dictionary<string, List<string>> map, IEnumerable<string> keys, int cap, Dictionary<string, Post> found)
    {
        var taken = 0;
        foreach (var key in keys)
        {
            if (!map.TryGetValue(key, out var ids))
            {
                continue;
            }

            for (var i = ids.Count - 1; i >= 0 && taken < cap; i--)
            {
                if (found.TryAdd(ids[i], posts[ids[i]]))
                {
                    taken++;
                }
            }

            if (taken >= cap)
            {
                return;
            }
        }
    }

    private void Link(Post post)
    {
        foreach (var key in post.StoryKeys)
        {
            Add(byStoryKey, key, post.Id);
        }

        if (post.TitleKey.Length > 0)
        {
            Add(byTitleKey, post.TitleKey, post.Id);
        }

        foreach (var band in post.TextBands)
        {
            Add(byTextBand, band, post.Id);
        }

        if (!string.Equals(post.ClusterId, post.Id, StringComparison.Ordinal))
        {
            Add(joinedByCluster, post.ClusterId, post.Id);
        }

        postsBySource[post.SourceId] = postsBySource.GetValueOrDefault(post.SourceId) + 1;
    }

    private void Unlink(Post post)
    {
        foreach (var key in post.StoryKeys)
        {
            Remove(byStoryKey, key, post.Id);
        }

        Remove(byTitleKey, post.TitleKey, post.Id);
        foreach (var band in post.TextBands)
        {
            Remove(byTextBand, band, post.Id);
        }

        Remove(joinedByCluster, post.ClusterId, post.Id);
        if (postsBySource.TryGetValue(post.SourceId, out var count))
        {
            if (count <= 1)
            {
                postsBySource.Remove(post.SourceId);
            }
            else
            {
                postsBySource[post.SourceId] = count - 1;
            }
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string id)
    {
        if (!map.TryGetValue(key, out var ids))
        {
            ids = [];
            map.Add(key, ids);
        }

        ids.Add(id);
    }

    private static void Remove(Dictionary<string, List<string>> map, string key, string id)
    {
        if (map.TryGetValue(key, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            map.Remove(key);
        }
    }
}
