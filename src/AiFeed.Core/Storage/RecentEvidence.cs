using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// Light copies (<see cref="IndexedProjection"/>) of the posts this process wrote or read last, so
/// story clustering's candidate and evidence reads of recent posts (in a poll, mostly the poll's own
/// earlier posts, and the stored candidates its earlier batches met) skip a LiteDB document read
/// each. Written through by the store after each committed batch, under its gate, and every post
/// write goes through it, so a kept copy is what LiteDB holds; bounded to the last
/// <see cref="Capacity"/> posts kept, so memory does not grow with the store. Reads hand out the
/// kept copy itself, which callers must not change (<see cref="IStoryStore"/>): a copy per read was
/// most of what a cold poll's candidate reads allocated, and clustering changes only the few
/// candidates it keeps.
/// </summary>
internal sealed class RecentEvidence(int capacity, int readCapacity = 0)
{
    // Oldest write first; a post written again moves to the end with its new copy.
    private readonly LinkedList<Post> order = new();
    private readonly Dictionary<string, LinkedListNode<Post>> posts = new(StringComparer.Ordinal);

    // Reads that found no room among the copies above, least recently used first: once a cold
    // poll's own writes fill the bound, its later batches meet the same older candidates again and
    // again. Kept apart, so a read still never pushes out a written copy, and bounded on their own.
    private readonly LinkedList<Post> readOrder = new();
    private readonly Dictionary<string, LinkedListNode<Post>> reads = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    /// <summary>How many copies read from LiteDB are kept beside <see cref="Capacity"/> once it is reached.</summary>
    public int ReadCapacity { get; } = readCapacity;

    /// <summary>How many copies are kept within <see cref="Capacity"/> (not counting the reads kept beside it).</summary>
    public int Count => posts.Count;

    /// <summary>Remembers these posts as written (each one's latest write replaces an earlier one).</summary>
    public void Put(IEnumerable<Post> written)
    {
        foreach (var post in written)
        {
            Keep(IndexedProjection.Copy(post));
        }
    }

    /// <summary>
    /// Remembers a light copy read from LiteDB (<see cref="IndexedProjection.ToPost"/>) while there is
    /// room: the next batches of a poll meet many of the same stored candidates, which a process that
    /// did not write them (a one-shot poll of a few new posts) otherwise reads again for each batch.
    /// A read never pushes out a copy kept before it: a cold poll's candidates are mostly its own
    /// writes (decision 0052). Past that room it is kept among the last <see cref="ReadCapacity"/> reads.
    /// </summary>
    public void Remember(Post read)
    {
        if (posts.ContainsKey(read.Id) || reads.ContainsKey(read.Id))
        {
            return;
        }

        if (posts.Count < Capacity)
        {
            Keep(read);
        }
        else if (ReadCapacity > 0)
        {
            reads[read.Id] = readOrder.AddLast(read);
            if (reads.Count > ReadCapacity)
            {
                reads.Remove(readOrder.First!.Value.Id);
                readOrder.RemoveFirst();
            }
        }
    }

    private void Keep(Post copy)
    {
        if (posts.Remove(copy.Id, out var earlier))
        {
            order.Remove(earlier);
        }

        // A write replaces any copy read before it.
        if (reads.Remove(copy.Id, out var read))
        {
            readOrder.Remove(read);
        }

        posts[copy.Id] = order.AddLast(copy);
        if (posts.Count > Capacity)
        {
            posts.Remove(order.First!.Value.Id);
            order.RemoveFirst();
        }
    }

    /// <summary>The post's light fields as last written or read, if it is among those kept; not to be changed.</summary>
    public Post? Find(string id)
    {
        if (posts.TryGetValue(id, out var node))
        {
            return node.Value;
        }

        if (!reads.TryGetValue(id, out var read))
        {
            return null;
        }

        readOrder.Remove(read);
        readOrder.AddLast(read);
        return read.Value;
    }
}
