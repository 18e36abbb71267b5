using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// What story clustering (Ingestion/Processing/Clustering) reads and writes, and nothing more: the
/// stored posts that share a lookup key with new ones, the evidence of stored posts, and the stored
/// stories. Every answer comes from what the post and story documents hold; how it is indexed is
/// the store's business (today an in-memory index next to LiteDB, see docs/stories.md).
/// </summary>
public interface IStoryStore
{
    /// <summary>
    /// Stored posts sharing a key of <paramref name="lookup"/>, at most a few hundred per kind of key,
    /// newest written first. Light posts with what clustering reads (id, source, URL, dates, story,
    /// evidence, lead status), never written back. Read-only: a store may hand the same instance to
    /// later calls (LiteDB's recent writes), so a caller copies (<see cref="Post.Snapshot"/>) what it changes.
    /// </summary>
    Task<IReadOnlyList<Post>> FindByKeysAsync(StoryLookup lookup, CancellationToken cancellationToken);

    /// <summary>Light posts (as <see cref="FindByKeysAsync"/>, read-only) of the stored posts with these ids.</summary>
    Task<IReadOnlyList<Post>> GetEvidenceAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken);

    /// <summary>
    /// The stored stories with these ids; a story of one post whose id is that post's id has no record
    /// and is described from its post. Ids no story has are left out.
    /// </summary>
    Task<IReadOnlyList<StoryRecord>> GetStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken);

    /// <summary>Writes posts and story records, and removes records, in one transaction.</summary>
    Task SaveStoriesAsync(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> removedStoryIds, CancellationToken cancellationToken);
}

/// <summary>
/// The keys posts are looked up by, together: exact keys and links (matched against stored posts'
/// exact keys and links alike), normalised titles, SimHash bands.
/// </summary>
public sealed record StoryLookup(IReadOnlyCollection<string> StoryKeys, IReadOnlyCollection<string> TitleKeys, IReadOnlyCollection<string> TextBands);
