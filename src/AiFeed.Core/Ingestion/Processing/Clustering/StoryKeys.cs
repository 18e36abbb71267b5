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
    public static IEnumerable<(int First, int Second)> Pairs(IReadOnlyList<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            foreach (var key in Of(posts[i]))
            {
                if (!byKey.TryGetValue(key, out var ids))
                {
                    ids = [];
                    byKey.Add(key, ids);
                }

                ids.Add(i);
            }
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < posts.Count; i++)
        {
            seen.Clear();
            foreach (var key in Of(posts[i]))
            {
                foreach (var j in byKey[key])
                {
                    if (j > i && seen.Add(j))
                    {
                        yield return (i, j);
                    }
                }
            }
        }
    }

    /// <summary>The keys of one post, each kind in its own namespace (URL keys and links share one).</summary>
    public static IEnumerable<string> Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        foreach (var key in post.StoryKeys)
        {
            yield return key;
        }

        foreach (var link in post.Links)
        {
            yield return link;
        }

        if (DuplicateRule.IsDistinctiveTitle(post.TitleKey))
        {
            yield return "t:" + post.TitleKey;
        }

        foreach (var band in post.TextBands)
        {
            yield return "b:" + band;
        }
    }
}
