using AiFeed.Catalog;
using Microsoft.AspNetCore.OutputCaching;

namespace AiFeed.Endpoints;

/// <summary>
/// Output caching for the list and ranking API: most readers ask the same few questions (the front
/// page, a tag, the top stories), and answering from LiteDB costs milliseconds where a cached answer
/// costs microseconds (docs/performance.md). Entries share the feeds' tag, so a poll that stores
/// posts evicts them at once; a new catalog evicts them too, since answers carry source names.
/// </summary>
public static class ApiCaching
{
    public const string PolicyName = "api";

    /// <summary>Long enough to absorb a burst, short enough that /api/top's time window barely drifts.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddApiOutputs(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(PolicyName, b => b.Expire(Expiry).SetVaryByQuery("*").Tag(FeedCaching.Tag)));
        services.AddHostedService<CatalogEviction>();
        return services;
    }

    private sealed class CatalogEviction(ICatalogProvider catalog, IOutputCacheStore cache) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            catalog.Changed += OnChanged;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            catalog.Changed -= OnChanged;
            return Task.CompletedTask;
        }

        // The event is synchronous; the in-memory store evicts synchronously, so nothing is lost by not awaiting.
        private void OnChanged(object? sender, CatalogChangedEventArgs e) => _ = cache.EvictByTagAsync(FeedCaching.Tag, CancellationToken.None).AsTask();
    }
}
