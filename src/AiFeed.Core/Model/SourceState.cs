namespace AiFeed.Model;

/// <summary>What AiFeed knows about polling one source; persisted per source.</summary>
public sealed class SourceState
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

    public int? LastStatusCode { get; set; }

    public long? LastBytes { get; set; }

    public double? LastDurationMs { get; set; }

    /// <summary>How the source was read last: feed, not-modified, error.</summary>
    public string? LastOutcome { get; set; }

    public int LastItemCount { get; set; }

    /// <summary>Set by an operator: the scheduler skips the source until it is resumed.</summary>
    public bool Paused { get; set; }

    public DateTime? PausedAt { get; set; }
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
