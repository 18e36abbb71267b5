using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Splits freshly built posts of one source into in-place updates of stored posts (first-seen time
/// and cluster kept) and new posts, and fills the derived ordering fields.
/// </summary>
internal static class PostMerge
{
    public static PostSplit Split(IReadOnlyList<Post> fresh, IReadOnlyList<StoredPost> existing, DateTime now)
    {
        var byId = existing.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var updated = new List<Post>();
        var added = new List<Post>();
        foreach (var post in fresh)
        {
            if (byId.TryGetValue(post.Id, out var stored))
            {
                updated.Add(UpdateInPlace(stored, post, now));
            }
            else
            {
                post.ClusterId = post.Id;
                Finish(post);
                added.Add(post);
            }
        }

        return new PostSplit(updated, added);
    }

    /// <summary><paramref name="fresh"/> takes the place of <paramref name="stored"/>: same id, first-seen time and cluster.</summary>
    public static Post UpdateInPlace(StoredPost stored, Post fresh, DateTime now)
    {
        fresh.Id = stored.Id;
        fresh.SourceId = stored.SourceId;
        fresh.FirstSeenAt = stored.FirstSeenAt;
        fresh.UpdatedAt = now;
        fresh.ClusterId = stored.ClusterId.Length > 0 ? stored.ClusterId : stored.Id;
        // An unknown date stays unknown until the item brings one.
        fresh.DateUnknown = stored.DateUnknown && (fresh.PublishedAt is null || fresh.PublishedAt > stored.FirstSeenAt);
        // A story keeps the URL it was stored under, so other sources' copies still find it.
        fresh.Url ??= stored.Url;
        Finish(fresh);
        return fresh;
    }

    /// <summary>Derived fields: the order readers see; cluster fields are set by StoryClusters.Elect.</summary>
    public static void Finish(Post post)
    {
        // A date in the future would pin a post to the top: order by when we saw it instead.
        post.SortAt = post.PublishedAt is { } published && published <= post.FirstSeenAt ? published : post.FirstSeenAt;
        post.SortKey = Post.SortKeyOf(post.SortAt, post.Id);
        post.Sources = post.Sources.Count > 0 ? post.Sources : [post.SourceId];
    }
}

/// <summary>
/// One source's fresh posts split by <see cref="PostMerge.Split"/>. A class, not a tuple: the store
/// path's lists and LINQ over a value type are generic code each process JIT-compiles (decision 0074).
/// </summary>
internal sealed record PostSplit(List<Post> Updated, List<Post> New);
