using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.AspNetCore.OutputCaching;

namespace AiFeed.Endpoints;

/// <summary>
/// Output caching for the feed documents: one rendering per distinct query string serves every
/// reader for a minute, and a poll that stores posts evicts them all at once by tag, so the cache
/// never hides a new post for long and a popular feed costs a dictionary lookup.
/// </summary>
public static class FeedCaching
{
    public const string PolicyName = "feeds";
    public const string Tag = "posts";

    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddFeedOutputs(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(PolicyName, b => b.Expire(Expiry).SetVaryByQuery("*").Tag(Tag)));

        // The store the core registered, wrapped so that every write evicts the cached feeds.
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IPostStore))
            ?? throw new InvalidOperationException("AddAiFeedCore must run before AddFeedOutputs");
        services.Remove(inner);
        services.AddSingleton<IPostStore>(sp => new EvictingPostStore(Create(sp, inner), sp.GetRequiredService<IOutputCacheStore>()));
        return services;
    }

    private static IPostStore Create(IServiceProvider services, ServiceDescriptor descriptor) => (IPostStore)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    private sealed class EvictingPostStore(IPostStore inner, IOutputCacheStore cache) : IPostStore
    {
        public Task<IReadOnlyList<Post>> FindAsync(IReadOnlyCollection<string> ids, IReadOnlyCollection<string> urls, CancellationToken cancellationToken) =>
            inner.FindAsync(ids, urls, cancellationToken);

        public async Task SaveAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken)
        {
            await inner.SaveAsync(posts, cancellationToken);
            if (posts.Count > 0)
            {
                await cache.EvictByTagAsync(Tag, cancellationToken);
            }
        }

        public Task<Post?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<PostPage> QueryAsync(PostQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<long> CountAsync(PostQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

        public Task<IReadOnlyDictionary<string, int>> CountBySourceAsync(CancellationToken cancellationToken) => inner.CountBySourceAsync(cancellationToken);
    }
}
