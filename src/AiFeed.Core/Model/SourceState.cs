namespace AiFeed.Model;

/// <summary>What AiFeed knows about polling one source; persisted per source.</summary>
public sealed record SourceState
{
    public required string SourceId { get; set; }

    /// <summary>Current feed URL: a permanent redirect replaces the configured one here.</summary>
    public string? FeedUrl { get; set; }

    /// <summary>The URL configured in feeds.json when FeedUrl was set; a new configured URL resets FeedUrl.</summary>
    public string? ConfiguredUrl { get; set; }

    public DateTime? NextCheckAt { get; set; }

    public DateTime? LastPollAt { get; set; }

    public DateTime? LastSuccessAt { get; set; }

    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public int ConsecutiveErrors { get; set; }

    public string? LastError { get; set; }

    /// <summary>What was wrong with the last document read although the read succeeded (a feed read after repair).</summary>
    public string? LastWarning { get; set; }

    public int? LastStatusCode { get; set; }

    public long? LastBytes { get; set; }

    public double? LastDurationMs { get; set; }

    /// <summary>How the source was read last: feed, not-modified, error.</summary>
    public string? LastOutcome { get; set; }

    public int LastItemCount { get; set; }

    /// <summary>Set by an operator: the scheduler skips the source until it is resumed.</summary>
    public bool Paused { get; set; }

    public DateTime? PausedAt { get; set; }

    /// <summary>How posts were read last: feed, discovered (a feed the site advertises), scrape, fallback, generic.</summary>
    public string? ReadVia { get; set; }

    /// <summary>
    /// Why the last poll did not read the source the way it is configured to (its feed failed, its
    /// scrape rules broke) and something else stood in; null otherwise.
    /// </summary>
    public string? FallbackReason { get; set; }

    /// <summary>The site in feeds.json when DiscoveredFeedUrl was found; a new site forgets it.</summary>
    public string? ConfiguredSite { get; set; }

    /// <summary>The feed found through the site's &lt;link rel="alternate"&gt;, remembered for the next polls.</summary>
    public string? DiscoveredFeedUrl { get; set; }

    /// <summary>Posts the scrape rules found on the first listing page last time they worked: the breakage guard's yardstick.</summary>
    public int? LastScrapeCount { get; set; }

    /// <summary>Fingerprint of the scrape rules LastScrapeCount belongs to; new rules start afresh.</summary>
    public string? ScrapeRuleFingerprint { get; set; }

    /// <summary>Validators of the listing page, sent back on the next scrape (the feed's are ETag/LastModified).</summary>
    public string? PageETag { get; set; }

    public string? PageLastModified { get; set; }

    /// <summary>Every attempt of the last poll, in the order it made them (see <see cref="ReadAttempt"/>).</summary>
    public ValueList<ReadAttempt> Attempts { get; set; } = [];

    /// <summary>Post pages the generic listing reader looked up for what their cards lacked (a date, mostly).</summary>
    public ValueList<ArticleLookup> ArticleLookups { get; set; } = [];

    /// <summary>A copy that shares nothing mutable with this one (every member is a value, a string or an immutable list).</summary>
    public SourceState Copy() => this with { };

    /// <summary>
    /// Whether this differs from <paramref name="other"/> only in its account of the last check
    /// (when, how long, its status, outcome, size and attempts) and when the source is next due; not
    /// in what the next check depends on (validators, URLs, errors and backoff, read path, pause).
    /// </summary>
    public bool OnlyLastCheckChangedSince(SourceState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            LastPollAt = other.LastPollAt,
            LastSuccessAt = other.LastSuccessAt,
            NextCheckAt = other.NextCheckAt,
            LastDurationMs = other.LastDurationMs,
            LastStatusCode = other.LastStatusCode,
            LastBytes = other.LastBytes,
            LastOutcome = other.LastOutcome,
            Attempts = other.Attempts,
        } == other;
    }
}

public enum SourceStatus
{
    Pending,
    Ok,
    Degraded,
    Broken,
    Disabled,
    Paused,
}
