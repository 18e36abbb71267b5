using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// What story clustering looks up, kept in memory next to LiteDB: for every stored post what
/// clustering reads of it (identity, URL, dates, cluster, story keys, title key, SimHash and its bands, raw hash), the
/// posts per story key, title key and band, the members of each cluster and the posts per source.
/// Reading candidates from LiteDB cost a second of a 4,000-post cold poll (whole documents read for
/// a projection) plus three multi-key indexes on every write; here a lookup is a few dictionary reads.
/// Derived data like SearchIndex: built from the stored posts on first use and kept current by every
/// write, under the store's gate.
/// </summary>
internal sealed class StoryIndex
{
    private readonly Dictionary<string, Entry> posts = new(StringComparer.Ordinal);
    private readonly IdsByKey byStoryKey = new();
    private readonly IdsByKey byTitleKey = new();
    private readonly IdsByKey byTextBand = new();

    // A cluster's id is its founder's id, so a founder still in its cluster needs no entry: only
    // posts that joined another's cluster are listed here (3 % of a typical poll), per cluster.
    private readonly IdsByKey joinedByCluster = new();
    private readonly Dictionary<string, int> postsBySource = new(StringComparer.Ordinal);
    private readonly StringPool sources = new();

    public void Upsert(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (posts.Remove(post.Id, out var old))
        {
            Unlink(old);
        }

        var entry = new Entry(
            post.Id,
            sources.Get(post.SourceId),
            post.Url,
            post.SortAt,
            post.FirstSeenAt,
            // A founder's cluster id is its own id: one string, not two equal ones.
            string.Equals(post.ClusterId, post.Id, StringComparison.Ordinal) ? post.Id : post.ClusterId,
            [.. post.StoryKeys],
            post.TitleKey,
            post.TextHash,
            [.. post.TextBands],
            post.RawHash);
        posts.Add(entry.Id, entry);
        Link(entry);
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

            joinedByCluster.AddTo(cluster, ids);
        }

        return ids;
    }

    /// <summary>Stored posts (one row per source's item) per source.</summary>
    public Dictionary<string, int> CountBySource() => new(postsBySource, StringComparer.Ordinal);

    public bool Contains(string id) => posts.ContainsKey(id);

    public List<StoredPost> Stored(IEnumerable<string> ids) =>
        [.. ids.Select(id => posts.GetValueOrDefault(id)).OfType<Entry>().Select(e => new StoredPost(e.Id, e.SourceId, e.Url, e.FirstSeenAt, e.ClusterId, e.RawHash))];

    /// <summary>
    /// Light copies of the posts sharing a key of <paramref name="lookup"/>, at most
    /// <paramref name="perKind"/> per kind of key (story, title, band), newest written first.
    /// </summary>
    public List<Post> Candidates(StoryLookup lookup, int perKind)
    {
        var found = new Dictionary<string, Entry>(StringComparer.Ordinal);
        Collect(byStoryKey, lookup.StoryKeys, perKind, found);
        Collect(byTitleKey, lookup.TitleKeys, perKind, found);
        Collect(byTextBand, lookup.TextBands, perKind, found);
        return [.. found.Values.Select(e => e.ToPost())];
    }

    private void Collect(IdsByKey map, IEnumerable<string> keys, int cap, Dictionary<string, Entry> found)
    {
        var taken = 0;
        foreach (var key in keys)
        {
            foreach (var id in map.NewestFirst(key))
            {
                if (taken >= cap)
                {
                    return;
                }

                if (found.TryAdd(id, posts[id]))
                {
                    taken++;
                }
            }
        }
    }

    private void Link(Entry post)
    {
        foreach (var key in post.StoryKeys)
        {
            byStoryKey.Add(key, post.Id);
        }

        if (post.TitleKey.Length > 0)
        {
            byTitleKey.Add(post.TitleKey, post.Id);
        }

        foreach (var band in post.TextBands)
        {
            byTextBand.Add(band, post.Id);
        }

        if (!string.Equals(post.ClusterId, post.Id, StringComparison.Ordinal))
        {
            joinedByCluster.Add(post.ClusterId, post.Id);
        }

        postsBySource[post.SourceId] = postsBySource.GetValueOrDefault(post.SourceId) + 1;
    }

    private void Unlink(Entry post)
    {
        foreach (var key in post.StoryKeys)
        {
            byStoryKey.Remove(key, post.Id);
        }

        byTitleKey.Remove(post.TitleKey, post.Id);
        foreach (var band in post.TextBands)
        {
            byTextBand.Remove(band, post.Id);
        }

        joinedByCluster.Remove(post.ClusterId, post.Id);
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

    /// <summary>
    /// What clustering reads of a stored post. A record of its own rather than a light Post: a Post
    /// carries five lists and a dozen fields clustering never reads, for every stored post.
    /// </summary>
    private sealed record Entry(
        string Id,
        string SourceId,
        string? Url,
        DateTime SortAt,
        DateTime FirstSeenAt,
        string ClusterId,
        string[] StoryKeys,
        string TitleKey,
        long TextHash,
        string[] TextBands,
        string RawHash)
    {
        public Post ToPost() => new()
        {
            Id = Id,
            SourceId = SourceId,
            Title = "",
            Url = Url,
            SortAt = SortAt,
            FirstSeenAt = FirstSeenAt,
            ClusterId = ClusterId,
            StoryKeys = [.. StoryKeys],
            TitleKey = TitleKey,
            TextHash = TextHash,
            TextBands = [.. TextBands],
            RawHash = RawHash,
        };
    }
}
