using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>The queries and writes the application needs over stored posts, and nothing more.</summary>
public interface IPostStore
{
    /// <summary>Posts with any of these ids or canonical URLs (for dedupe and change detection).</summary>
    Task<IReadOnlyList<Post>> FindAsync(IReadOnlyCollection<string> ids, IReadOnlyCollection<string> urls, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces these posts in one transaction.</summary>
    Task SaveAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken);

    Task<Post?> GetAsync(string id, CancellationToken cancellationToken);

    Task<PostPage> QueryAsync(PostQuery query, CancellationToken cancellationToken);

    Task<long> CountAsync(PostQuery query, CancellationToken cancellationToken);

    /// <summary>Posts per source (own posts and alsoIn copies).</summary>
    Task<IReadOnlyDictionary<string, int>> CountBySourceAsync(CancellationToken cancellationToken);
}
