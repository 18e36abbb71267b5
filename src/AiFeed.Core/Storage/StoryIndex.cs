using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// What story clustering looks up, kept in memory next to LiteDB: for every stored post what
/// clustering reads of it (identity, URL, dates, story, evidence, raw hash), the posts per exact key
/// and per link, per title key and per SimHash band, and the posts per source. Reading candidates
/// from LiteDB cost a second of a 4,000-post cold poll (whole documents read for a projection) plus
/// several multi-key indexes on every write; here a lookup is a few dictionary reads. Derived data
/// like SearchIndex: built from the stored posts on first use and kept current by every write, under
/// the store's gate. Story membership is not here: it is stored (StoryRecord).
/// </summary>
internal sealed class StoryIndex
{
    private readonly Dictionary<string, Entry> posts = new(StringComparer.Ordinal);
    private readonly IdsByKey byStoryKey = new();
    private readonly IdsByKey byLink = new();
    private readonly IdsByKey byTitleKey = new();
    private readonly IdsByKey byTextBand = new();
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
            // A story's id is often its first post's id: one string, not two equal ones.
            string.Equals(post.ClusterId, post.Id, StringComparison.Ordinal) ? post.Id : post.ClusterId,
            [.. post.StoryKeys],
            post.TitleKey,
            post.TextHash,
            [.. post.TextBands],
            post.Links.Count == 0 ? [] : [.. post.Links],
            post.RawHash,
            (post.FirstParty ? Flags.FirstParty : 0) | (post.TextRepeated ? Flags.TextRepeated : 0) | (post.LeadKey.Length > 0 ? Flags.Lead : 0) | (post.DateUnknown ? Flags.DateUnknown : 0));
        posts.Add(entry.Id, entry);
        Link(entry);
    }

    /// <summary>Stored posts (one row per source's item) per source.</summary>
    public Dictionary<string, int> CountBySource() => new(postsBySource, StringComparer.Ordinal);

    public bool Contains(string id) => posts.ContainsKey(id);

    public List<StoredPost> Stored(IEnumerable<string> ids) =>
        [.. ids.Select(id => posts.GetValueOrDefault(id)).OfType<Entry>().Select(e => new StoredPost(e.Id, e.SourceId, e.Url, e.FirstSeenAt, e.ClusterId, e.RawHash, (e.Flags & Flags.DateUnknown) != 0))];

    /// <summary>Light copies of the stored posts with these ids.</summary>
    public List<Post> Evidence(IEnumerable<string> ids) =>
        [.. ids.Select(id => posts.GetValueOrDefault(id)).OfType<Entry>().Select(e => e.ToPost())];

    /// <summary>The story of one post whose id is that post's id, which has no record; null when there is none.</summary>
    public StoryRecord? ImplicitStory(string storyId)
    {
        if (!posts.TryGetValue(storyId, out var post) || !string.Equals(post.ClusterId, storyId, StringComparison.Ordinal))
        {
            return null;
        }

        return new StoryRecord
        {
            Id = storyId,
            Members = [storyId],
            AnchorId = storyId,
            LeadId = storyId,
            Keys = [.. post.StoryKeys],
            TitleKey = post.TitleKey,
            TextHash = (post.Flags & Flags.TextRepeated) != 0 ? 0 : post.TextHash,
            Links = [.. post.Links],
        };
    }

    /// <summary>
    /// Light copies of the posts sharing a key of <paramref name="lookup"/>, at most
    /// <paramref name="perKey"/> per key (the newest written), so a key thousands of posts share
    /// (a stock summary's band) costs a bounded read; every other key answers whole.
    /// </summary>
    public List<Post> Candidates(StoryLookup lookup, int perKey)
    {
        var found = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var key in lookup.StoryKeys)
        {
            Collect(byStoryKey, key, perKey, found);
            Collect(byLink, key, perKey, found);
        }

        foreach (var key in lookup.TitleKeys)
        {
            Collect(byTitleKey, key, perKey, found);
        }

        foreach (var key in lookup.TextBands)
        {
            Collect(byTextBand, key, perKey, found);
        }

        return [.. found.Values.Select(e => e.ToPost())];
    }

    // Most keys of a new post are its own (no stored post has them): a miss allocates nothing.
    private void Collect(IdsByKey map, string key, int cap, Dictionary<string, Entry> found) =>
        map.NewestFirst(key, cap, (found, posts), static (state, id) => state.found.TryAdd(id, state.posts[id]));

    private void Link(Entry post)
    {
        foreach (var key in post.StoryKeys)
        {
            byStoryKey.Add(key, post.Id);
        }

        foreach (var link in post.Links)
        {
            byLink.Add(link, post.Id);
        }

        if (post.TitleKey.Length > 0)
        {
            byTitleKey.Add(post.TitleKey, post.Id);
        }

        foreach (var band in post.TextBands)
        {
            byTextBand.Add(band, post.Id);
        }

        postsBySource[post.SourceId] = postsBySource.GetValueOrDefault(post.SourceId) + 1;
    }

    private void Unlink(Entry post)
    {
        foreach (var key in post.StoryKeys)
        {
            byStoryKey.Remove(key, post.Id);
        }

        foreach (var link in post.Links)
        {
            byLink.Remove(link, post.Id);
        }

        byTitleKey.Remove(post.TitleKey, post.Id);
        foreach (var band in post.TextBands)
        {
            byTextBand.Remove(band, post.Id);
        }

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

    [Flags]
    private enum Flags : byte
    {
        FirstParty = 1,
        TextRepeated = 2,
        Lead = 4,
        DateUnknown = 8,
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
        string[] Links,
        string RawHash,
        Flags Flags)
    {
        public Post ToPost()
        {
            var sortKey = Post.SortKeyOf(SortAt, Id);
            return new Post
            {
                Id = Id,
                SourceId = SourceId,
                Title = "",
                Url = Url,
                SortAt = SortAt,
                FirstSeenAt = FirstSeenAt,
                SortKey = sortKey,
                LeadKey = (Flags & Flags.Lead) != 0 ? sortKey : "",
                Sources = [SourceId],
                ClusterId = ClusterId,
                StoryKeys = [.. StoryKeys],
                TitleKey = TitleKey,
                TextHash = TextHash,
                TextBands = [.. TextBands],
                Links = [.. Links],
                RawHash = RawHash,
                FirstParty = (Flags & Flags.FirstParty) != 0,
                TextRepeated = (Flags & Flags.TextRepeated) != 0,
                DateUnknown = (Flags & Flags.DateUnknown) != 0,
            };
        }
    }
}
