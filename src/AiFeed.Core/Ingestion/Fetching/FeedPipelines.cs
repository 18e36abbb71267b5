using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// The feed client's resilience pipelines (Polly), cut one of two ways: the service keeps one per
/// fetched URL (<see cref="FeedFetcher.PipelineKey"/>), each with its own circuit breaker, so one
/// failing feed never pauses another; the one-shot poll shares one without a breaker
/// (FetchingServiceCollectionExtensions.ShareOneFeedPipeline). Built here rather than through
/// Microsoft.Extensions.Http.Resilience: its registry, options and telemetry (Polly's logs and
/// meters, which the host neither logs nor exports) were most of a warm one-shot poll's first
/// request (docs/decisions/0044-feed-pipelines-on-polly-core.md).
/// </summary>
public sealed class FeedPipelines : IDisposable
{
    private readonly FetchOptions options;
    private readonly ResiliencePipeline<HttpResponseMessage>? shared;
    private readonly ResiliencePipelineRegistry<string>? perFeed;
    private readonly Action<ResiliencePipelineBuilder<HttpResponseMessage>> addWithBreaker;

    public FeedPipelines(FetchOptions options, bool shareOne)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        addWithBreaker = builder => AddStrategies(builder, this.options, breaker: true);
        if (shareOne)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            AddStrategies(builder, options, breaker: false);
            shared = builder.Build();
        }
        else
        {
            perFeed = new ResiliencePipelineRegistry<string>();
        }
    }

    /// <summary>The pipeline <paramref name="request"/> runs in.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request) =>
        shared ?? perFeed!.GetOrAddPipeline(FeedFetcher.PipelineKey(request), addWithBreaker);

    public void Dispose() => perFeed?.Dispose();

    /// <summary>Retry, the circuit breaker when asked, then the per-attempt timeout (innermost).</summary>
    private static void AddStrategies(ResiliencePipelineBuilder<HttpResponseMessage> builder, FetchOptions options, bool breaker)
    {
        // Network retries and timeouts run on the wall clock: a test's fake clock must not freeze them.
        builder.TimeProvider = TimeProvider.System;
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.RetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // 429 and 503 + Retry-After reschedule the source instead of waiting inside the poll
                // (no delay is taken from Retry-After: ShouldRetry declines those answers).
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
            });
        }

        if (breaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
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
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            // A refused address stays refused: retrying it only repeats the refusal.
            return outcome.Exception is HttpRequestException { InnerException: not OutboundAddressRefusedException } or TimeoutRejectedException;
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
