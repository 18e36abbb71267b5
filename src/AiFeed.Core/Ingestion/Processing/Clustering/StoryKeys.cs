using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// The keys a post is looked up by: every pair of posts <see cref="DuplicateRule"/> can match shares
/// one (an exact key; a URL one links to and the other has or links to; a title; a SimHash band, which
/// two summaries within <see cref="SimHash.MaxDistance"/> bits always share). The story lookup of the
/// store answers these keys; <see cref="Pairs"/> answers them within a set of posts.
/// </summary>
public static class StoryKeys
{
    /// <summary>What to ask the store for the posts that may match any of <paramref name="posts"/>.</summary>
    public static Storage.StoryLookup LookupOf(IEnumerable<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var bands = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            exact.UnionWith(post.StoryKeys);
            exact.UnionWith(post.Links);
            if (DuplicateRule.IsDistinctiveTitle(post.TitleKey))
            {
                titles.Add(post.TitleKey);
            }

            bands.UnionWith(post.TextBands);
        }

        return new Storage.StoryLookup(exact, titles, bands);
    }

    /// <summary>Every pair (i &lt; j) of <paramref name="posts"/> that shares a lookup key, once.</summary>
    public static List<(int First, int Second)> Pairs(IReadOnlyList<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var keys = new List<(Kind, string)>(posts.Count * 6);
        var starts = new int[posts.Count + 1];
        for (var i = 0; i < posts.Count; i++)
        {
            starts[i] = keys.Count;
            AddTo(posts[i], keys);
        }

        starts[posts.Count] = keys.Count;

        // Most keys belong to one post: they get an entry here and no list.
        var first = new KeyMap<int>(keys.Count);
        var shared = new KeyMap<List<int>>();
        for (var i = 0; i < posts.Count; i++)
        {
            for (var k = starts[i]; k < starts[i + 1]; k++)
            {
                if (first.TryAdd(keys[k], i))
                {
                    continue;
                }

                if (!shared.TryGetValue(keys[k], out var holders))
                {
                    holders = [first[keys[k]]];
                    shared.Add(keys[k], holders);
                }

                if (holders[^1] != i)
                {
                    holders.Add(i);
                }
            }
        }

        var pairs = new List<(int, int)>();
        var seen = new HashSet<int>();
        for (var i = 0; i < posts.Count && !shared.IsEmpty; i++)
        {
            seen.Clear();
            for (var k = starts[i]; k < starts[i + 1]; k++)
            {
                if (shared.TryGetValue(keys[k], out var holders))
                {
                    foreach (var j in holders)
                    {
                        if (j > i && seen.Add(j))
                        {
                            pairs.Add((i, j));
                        }
                    }
                }
            }
        }

        return pairs;
    }

    /// <summary>Appends the keys of one post, each with its kind (URL keys and links are one kind).</summary>
    public static void AddTo(Post post, List<(Kind Kind, string Key)> keys)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in post.StoryKeys)
        {
            keys.Add((Kind.Exact, key));
        }

        foreach (var link in post.Links)
        {
            keys.Add((Kind.Exact, link));
        }

        if (DuplicateRule.IsDistinctiveTitle(post.TitleKey))
        {
            keys.Add((Kind.Title, post.TitleKey));
        }

        foreach (var band in post.TextBands)
        {
            keys.Add((Kind.Band, band));
        }
    }

    /// <summary>What a lookup key is: an exact key or link, a title, a SimHash band.</summary>
    public enum Kind
    {
        Exact,
        Title,
        Band,
    }
}
