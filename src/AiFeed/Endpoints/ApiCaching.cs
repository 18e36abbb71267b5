using AiFeed.Catalog;
using Microsoft.AspNetCore.OutputCaching;

namespace AiFeed.Endpoints;

/// <summary>
/// Output caching for the list and ranking API: most readers ask the same few questions (the front
/// page, a tag, the top stories), and answering from LiteDB costs milliseconds where a cached answer
/// costs microseconds (docs/performance.md). Entries share the feeds' tag, so a poll that stores
/// posts evicts them at once; a new catalog evicts them too, since answers carry source names.
/// An answer is stored the second time its question comes (<see cref="AskedBefore"/>): a question
/// asked once (a search typed once, a page read once) is not copied into the cache.
/// </summary>
public static class ApiCaching
{
    public const string PolicyName = "api";

    /// <summary>Long enough to absorb a burst, short enough that /api/top's time window barely drifts.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddApiOutputs(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(PolicyName, b => b.Expire(Expiry).SetVaryByQuery("*").Tag(FeedCaching.Tag).AddPolicy<AskedBefore>()));
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

    /// <summary>
    /// Lets the cache store an answer only when the same path and query were asked recently: every
    /// stored answer is a copy that lives in the old generation until it expires, and a question
    /// asked once would never be served from it. "Recently": a slot of a small table keyed by the
    /// request's hash still holds it (a later question with the same slot takes it over).
    /// </summary>
    internal sealed class AskedBefore : IOutputCachePolicy
    {
        private const int Slots = 8192;

        private readonly int[] seen = new int[Slots];

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var hash = HashCode.Combine(
                string.GetHashCode(request.Path.Value, StringComparison.Ordinal),
                string.GetHashCode(request.QueryString.Value, StringComparison.Ordinal));
            ref var slot = ref seen[hash & (Slots - 1)];
            if (Volatile.Read(ref slot) != hash)
            {
                // Looked up all the same: a stored answer whose slot another question took is still served.
                Volatile.Write(ref slot, hash);
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
