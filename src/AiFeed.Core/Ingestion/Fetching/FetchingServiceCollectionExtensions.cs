using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AiFeed.Ingestion.Fetching;

public static class FetchingServiceCollectionExtensions
{
    /// <summary>Registers the FeedFetcher and its named client with its handler and a resilience pipeline per feed.</summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services)
    {
        services.AddOptions<FetchOptions>().BindConfiguration(FetchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(FeedPipelines.PerFeed);
        services.AddSingleton<FeedFetcher>();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<OutboundConnector>();
        services.AddSingleton<FeedProxy>();
        services.AddTransient<ProxiedDestinationGuard>();
        services.AddHttpClient(FeedFetcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
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
            .AddResilienceHandler("feed", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
                // Network retries and timeouts run on the wall clock: a test's fake clock must not freeze them.
                builder.TimeProvider = TimeProvider.System;
                if (options.RetryAttempts > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.RetryAttempts,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        // 429 and 503 + Retry-After reschedule the source instead of waiting inside the poll.
                        ShouldRetryAfterHeader = false,
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                    });
                }

                if (context.ServiceProvider.GetRequiredService<FeedPipelines>().Breakers)
                {
                    builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        // Per feed (the pipeline key): a feed asked again and again while it fails
                        // (admin polls, a short interval) is left alone for a while. Per host, 15 failing
                        // feeds on one host opened it for their healthy neighbours (issue 21); what keeps
                        // a host from being hammered is each feed's own backoff and the per-host limit
                        // on concurrent refreshes.
                        MinimumThroughput = 10,
                        FailureRatio = 0.8,
                        SamplingDuration = TimeSpan.FromMinutes(1),
                        BreakDuration = TimeSpan.FromSeconds(30),
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                    });
                }

                // Innermost, per attempt: a hanging server costs one attempt, and the retry still
                // runs inside the request's overall deadline (FeedFetcher).
                builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
            })
            .SelectPipelineBy(sp => sp.GetRequiredService<FeedPipelines>().Breakers ? FeedFetcher.PipelineKey : _ => string.Empty);
        return services;
    }

    /// <summary>
    /// Every feed shares one resilience pipeline, without a circuit breaker: for the one-shot poll,
    /// which asks each feed once, so a per-feed breaker could not open (<see cref="FeedPipelines"/>).
    /// </summary>
    public static IServiceCollection ShareOneFeedPipeline(this IServiceCollection services) =>
        services.AddSingleton(FeedPipelines.Shared);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            // A refused address stays refused: retrying it only repeats the refusal.
            return outcome.Exception is HttpRequestException { InnerException: not OutboundAddressRefusedException } or Polly.Timeout.TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status == 429 || (status == 503 && response.Headers.RetryAfter is not null))
        {
            return false;
        }

        return status >= 500 || status == 408;
    }
}
