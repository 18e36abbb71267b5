using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion.Fetching;

public static class FetchingServiceCollectionExtensions
{
    /// <summary>Registers the FeedFetcher and its named client with its handler and a resilience pipeline per feed.</summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services)
    {
        services.AddOptions<FetchOptions>().BindConfiguration(FetchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new FeedPipelines(sp.GetRequiredService<IOptionsMonitor<FetchOptions>>().CurrentValue, shareOne: false));
        services.AddSingleton<FeedFetcher>();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<OutboundConnector>();
        services.AddSingleton<FeedProxy>();
        services.AddTransient<ProxiedDestinationGuard>();
        services.AddHttpClient(FeedFetcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<FetchOptions>>().CurrentValue;
                var connector = sp.GetRequiredService<OutboundConnector>();
                return new SocketsHttpHandler
                {
                    // Only public addresses, checked after DNS resolution (SSRF, DNS rebinding).
                    ConnectCallback = connector.ConnectAsync,
                    // HTTP/1.x only: one request at a time per connection is what the filter relies on.
                    PlaintextStreamFilter = (context, _) => ValueTask.FromResult(
                        context.NegotiatedHttpVersion.Major == 1 ? new ClosedWithoutAnswerStream(context.PlaintextStream) : context.PlaintextStream),
                    UseProxy = true,
                    Proxy = sp.GetRequiredService<FeedProxy>().Proxy,
                    AutomaticDecompression = DecompressionMethods.All,
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectTimeout = options.ConnectTimeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    // No connection cap per server: a cap here silently overrode the catalog's
                    // maxConcurrencyPerHost. Callers bound themselves per host (HostGates).
                };
            })
            // PooledConnectionLifetime already renews connections (DNS changes), so the factory's
            // 2-minute handler rotation only threw the connection pool away; its expiry timer also
            // kept a disposed container's singletons (the store, its page cache) alive until it fired.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // FeedRefresher logs every fetch once (source, URL, status, time, bytes); the factory's
            // two logging handlers wrapped each request in a scope and level checks for lines the
            // host's appsettings silence anyway.
            .RemoveAllLoggers()
            // Outside the pipeline: a refused destination is refused once, never retried or counted.
            .AddHttpMessageHandler<ProxiedDestinationGuard>()
            .AddHttpMessageHandler(sp => new FeedResilienceHandler(sp.GetRequiredService<FeedPipelines>()));
        return services;
    }

    /// <summary>
    /// Every feed shares one resilience pipeline, without a circuit breaker: for the one-shot poll,
    /// which asks each feed once. A breaker opens after at least 8 failed requests to its URL within
    /// a minute (80 % of 10) and one fetch fails at most RetryAttempts + 1 (&lt;= 6) times, so a
    /// per-feed breaker there could not open (docs/decisions/0033-one-shot-poll-start-up.md).
    /// </summary>
    public static IServiceCollection ShareOneFeedPipeline(this IServiceCollection services) =>
        services.AddSingleton(sp => new FeedPipelines(sp.GetRequiredService<IOptionsMonitor<FetchOptions>>().CurrentValue, shareOne: true));
}
