using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    /// <summary>
    /// Most posts a tag-filtered page walks on the time index before the search index answers it. With
    /// a LiteDB tag index, LiteDB sorted every post with the tag in memory (6.6 s for a common tag in
    /// 100,000 posts, docs/performance.md); walking newest first and checking tags finds a page of a
    /// common tag after a few hundred posts, without waiting for the in-memory index after a start.
    /// </summary>
    public const int MaxTagWalk = 2_000;

    // Null when the walk ran out before filling the page and the range holds more: then the
    // search index (PostIndex.Newest) answers, without reading the whole range from LiteDB.
    private List<Post>? NewestWithTags(PostQuery query, string key, int count)
    {
        var found = new List<Post>(count);
        var walked = 0;
        foreach (var post in Filter(query with { Tags = [] }).OrderBy(key, Query.Descending).Limit(MaxTagWalk).ToEnumerable())
        {
            walked++;
            if (query.Tags.All(t => post.Tags.Contains(t, StringComparer.Ordinal)))
            {
                found.Add(post);
                if (found.Count == count)
                {
                    return found;
                }
            }
        }

        return walked < MaxTagWalk ? found : null;
    }
}
