using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>The queries and writes the application needs over stored posts, and nothing more.</summary>
public interface IPostStore
{
    /// <summary>What is stored of the posts with these ids: enough to skip unchanged items and update changed ones in place.</summary>
    Task<IReadOnlyList<StoredPost>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>The stored posts with these ids, whole (those that exist).</summary>
    Task<IReadOnlyList<Post>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces these posts in one transaction.</summary>
    Task SaveAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken);

    /// <summary>
    /// Readies a freshly built post for <see cref="SaveAsync"/> on the caller's thread: work the
    /// store would otherwise do while writing, which one writer at a time does.
    /// </summary>
    void Prepare(Post post);

    /// <summary>The stored post, without its HTML (<see cref="Post.ContentLoaded"/> false): see <see cref="PostStoreExtensions.GetWithHtmlAsync"/>.</summary>
    Task<Post?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the stored HTML of the posts read without it, in one read: what a post page, a feed or
    /// the image proxy calls for the posts it shows. Posts whose HTML is loaded are left as they are.
    /// Every post this store reads comes without its HTML; lists, counts and story lookups never load it.
    /// </summary>
    Task LoadHtmlAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken);

    /// <summary>Newest first; with search terms, most relevant first, then newest.</summary>
    Task<PostPage> QueryAsync(PostQuery query, CancellationToken cancellationToken);

    /// <summary><see cref="QueryAsync"/> as a list shows it: the same posts, order, cursor and search outcome, each post as its <see cref="PostListing"/>.</summary>
    Task<ListingPage> ListAsync(PostQuery query, CancellationToken cancellationToken);

    Task<long> CountAsync(PostQuery query, CancellationToken cancellationToken);

    /// <summary>Representatives of story clusters published at or after <paramref name="since"/>, optionally with every one of <paramref name="tags"/>.</summary>
    Task<IReadOnlyList<Post>> ListLeadsSinceAsync(DateTime since, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>Posts per source (each source's own posts).</summary>
    Task<IReadOnlyDictionary<string, int>> CountBySourceAsync(CancellationToken cancellationToken);

    /// <summary>Stories (or, expanded, posts) carrying each of <paramref name="tags"/>.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByTagAsync(IReadOnlyCollection<string> tags, bool expand, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="batchSize"/> posts with ids after <paramref name="afterId"/>, in id order: maintenance in batches.</summary>
    Task<IReadOnlyList<Post>> ListBatchAsync(string? afterId, int batchSize, CancellationToken cancellationToken);
}

/// <summary>The stored fields an update in place keeps, and the hash that says whether the item changed.</summary>
public sealed record StoredPost(string Id, string SourceId, string? Url, DateTime FirstSeenAt, string ClusterId, string RawHash, bool DateUnknown = false)
{
    public static StoredPost Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new(post.Id, post.SourceId, post.Url, post.FirstSeenAt, post.ClusterId, post.RawHash, post.DateUnknown);
    }
}

/// <summary>Reads that come with the HTML.</summary>
public static class PostStoreExtensions
{
    /// <summary>The stored post with its HTML loaded (a post page, the API's single post).</summary>
    public static async Task<Post?> GetWithHtmlAsync(this IPostStore store, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var post = await store.GetAsync(id, cancellationToken);
        if (post is not null)
        {
            await store.LoadHtmlAsync([post], cancellationToken);
        }

        return post;
    }
}
