using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// Light copies (<see cref="IndexedProjection"/>) of the posts this process wrote last, so story
/// clustering's candidate and evidence reads of recent posts (in a poll, mostly the poll's own
/// earlier posts) skip a LiteDB document read each. Written through by the store after each
/// committed batch, under its gate; bounded to the last <see cref="Capacity"/> posts written, so
/// memory does not grow with the store. Reads hand out the kept copy itself, which callers must not
/// change (<see cref="IStoryStore"/>): a copy per read was most of what a cold poll's candidate reads
/// allocated, and clustering changes only the few candidates it keeps.
/// </summary>
internal sealed class RecentEvidence(int capacity)
{
    // Oldest write first; a post written again moves to the end with its new copy.
    private readonly LinkedList<Post> order = new();
    private readonly Dictionary<string, LinkedListNode<Post>> posts = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public int Count => posts.Count;

    /// <summary>Remembers these posts as written (each one's latest write replaces an earlier one).</summary>
    public void Put(IEnumerable<Post> written)
    {
        foreach (var post in written)
        {
            if (posts.Remove(post.Id, out var earlier))
            {
                order.Remove(earlier);
            }

            posts[post.Id] = order.AddLast(IndexedProjection.Copy(post));
            if (posts.Count > Capacity)
            {
                posts.Remove(order.First!.Value.Id);
                order.RemoveFirst();
            }
        }
    }

    /// <summary>The post's last written light fields, if it is among the recent writes; not to be changed.</summary>
    public Post? Find(string id) => posts.TryGetValue(id, out var node) ? node.Value : null;
}
