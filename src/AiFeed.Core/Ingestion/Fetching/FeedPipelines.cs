namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// How the feed client's resilience pipelines are cut (FetchingServiceCollectionExtensions). The
/// service keeps one per feed, each with its own circuit breaker. A one-shot poll asks each feed
/// once: a breaker opens after at least 8 failed requests to its URL within a minute (80 % of 10),
/// one fetch fails at most RetryAttempts + 1 (&lt;= 6) times, so a per-feed breaker there could
/// not open, and building one pipeline per feed is start-up work the run would not use
/// (docs/decisions/0033-one-shot-poll-start-up.md).
/// </summary>
public sealed record FeedPipelines(bool Breakers)
{
    /// <summary>One pipeline per fetched URL, each with its own circuit breaker (the service).</summary>
    public static readonly FeedPipelines PerFeed = new(Breakers: true);

    /// <summary>One pipeline for every URL: retry and attempt timeout, no breaker (the one-shot poll).</summary>
    public static readonly FeedPipelines Shared = new(Breakers: false);
}
