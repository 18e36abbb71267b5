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

        // Every write of posts evicts the cached feeds.
        services.AddSingleton<IPostWriteObserver, CacheEvictingObserver>();
        return services;
    }

    private sealed class CacheEvictingObserver(IOutputCacheStore cache) : IPostWriteObserver
    {
        public ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken) => cache.EvictByTagAsync(Tag, cancellationToken);
    }
}
