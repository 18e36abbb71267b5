using AiFeed.Model;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Decides, for freshly built posts of one source, what the store must write: new posts,
/// in-place updates (first-seen time and cross-source links kept), or an alsoIn entry on the
/// post another source already brought.
/// </summary>
internal static class PostMerge
{
    public sealed record Result(List<Post> Writes, int Inserted, int Updated, int Merged);

    public static Result Apply(string sourceId, IReadOnlyList<Post> fresh, IReadOnlyList<Post> existing, DateTime now)
    {
        var byId = existing.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var byUrl = new Dictionary<string, Post>(StringComparer.Ordinal);
        foreach (var post in existing.Where(p => p.Url is not null).OrderBy(p => p.FirstSeenAt))
        {
            byUrl.TryAdd(post.Url!, post);
        }

        var writes = new Dictionary<string, Post>(StringComparer.Ordinal);
        int inserted = 0, updated = 0, merged = 0;
        foreach (var post in fresh)
        {
            if (byId.TryGetValue(post.Id, out var stored) ||
                (post.Url is not null && byUrl.TryGetValue(post.Url, out stored) && stored.SourceId == sourceId))
            {
                writes[stored.Id] = UpdateInPlace(stored, post, now);
                updated++;
            }
            else if (post.Url is not null && byUrl.TryGetValue(post.Url, out var other))
            {
                if (AddAlsoIn(other, sourceId, post.Url))
                {
                    writes[other.Id] = other;
                }

                merged++;
            }
            else
            {
                Finish(post);
                writes[post.Id] = post;
                byId[post.Id] = post;
                if (post.Url is not null)
                {
                    byUrl.TryAdd(post.Url, post);
                }

                inserted++;
            }
        }

        return new Result([.. writes.Values], inserted, updated, merged);
    }

    private static Post UpdateInPlace(Post stored, Post fresh, DateTime now)
    {
        fresh.Id = stored.Id;
        fresh.SourceId = stored.SourceId;
        fresh.FirstSeenAt = stored.FirstSeenAt;
        fresh.UpdatedAt = now;
        fresh.AlsoIn = stored.AlsoIn;
        // A story keeps the URL it was stored under, so other sources' copies still find it.
        fresh.Url ??= stored.Url;
        Finish(fresh);
        return fresh;
    }

    private static bool AddAlsoIn(Post post, string sourceId, string url)
    {
        if (post.SourceId == sourceId || post.AlsoIn.Exists(a => a.SourceId == sourceId))
        {
            return false;
        }

        post.AlsoIn.Add(new AlsoIn { SourceId = sourceId, Url = url });
        Finish(post);
        return true;
    }

    /// <summary>Derived fields: what source= filters on and the order readers see.</summary>
    private static void Finish(Post post)
    {
        post.Sources = [post.SourceId, .. post.AlsoIn.Select(a => a.SourceId)];
        // A date in the future would pin a post to the top: order by when we saw it instead.
        post.SortAt = post.PublishedAt is { } published && published <= post.FirstSeenAt ? published : post.FirstSeenAt;
        post.SortKey = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{post.SortAt.Ticks:D19}:{post.Id}");
    }
}
