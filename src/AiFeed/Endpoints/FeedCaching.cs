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

        // Every write of posts evicts the cached feeds and the validators answered before the rate limiter.
        services.AddSingleton<FeedRevalidation>();
        services.AddSingleton<IPostWriteObserver, CacheEvictingObserver>();
        return services;
    }

    private sealed class CacheEvictingObserver(IOutputCacheStore cache, FeedRevalidation validators) : IPostWriteObserver
    {
        public ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken)
        {
            validators.Forget();
            return cache.EvictByTagAsync(Tag, cancellationToken);
        }
    }
}
