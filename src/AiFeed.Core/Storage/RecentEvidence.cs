using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// Light copies (<see cref="IndexedProjection"/>) of the posts this process wrote last, so story
/// clustering's candidate and evidence reads of recent posts (in a poll, mostly the poll's own
/// earlier posts) skip a LiteDB document read each. Written through by the store after each
/// committed batch, under its gate; bounded to the last <see cref="Capacity"/> posts written, so
/// memory does not grow with the store. Every read hands out a fresh copy: callers may change it.
/// </summary>
internal sealed class RecentEvidence(int capacity)
{
    private readonly Dictionary<string, (Post Post, long Written)> posts = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long Written)> order = new();
    private long written;

    public int Capacity { get; } = capacity;

    public int Count => posts.Count;

    /// <summary>Remembers these posts as written (each one's latest write replaces an earlier one).</summary>
    public void Put(IEnumerable<Post> written)
    {
        foreach (var post in written)
        {
            var at = ++this.written;
            posts[post.Id] = (IndexedProjection.Copy(post), at);
            order.Enqueue((post.Id, at));
        }

        // Oldest writes first; an entry written again since is skipped (its newer write is queued later).
        while (posts.Count > Capacity && order.TryDequeue(out var oldest))
        {
            if (posts.TryGetValue(oldest.Id, out var entry) && entry.Written == oldest.Written)
            {
                posts.Remove(oldest.Id);
            }
        }

        // A post rewritten many times leaves stale queue entries behind; drop them when they pile up.
        if (order.Count > 2 * Capacity)
        {
            var live = order.Where(e => posts.TryGetValue(e.Id, out var entry) && entry.Written == e.Written).ToList();
            order.Clear();
            foreach (var entry in live)
            {
                order.Enqueue(entry);
            }
        }
    }

    /// <summary>A copy of the post's last written light fields, if it is among the recent writes.</summary>
    public Post? Find(string id) => posts.TryGetValue(id, out var entry) ? IndexedProjection.Copy(entry.Post) : null;
}
