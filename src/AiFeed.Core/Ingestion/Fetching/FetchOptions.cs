using System.ComponentModel.DataAnnotations;

namespace AiFeed.Ingestion.Fetching;

/// <summary>Transport settings of the feed client; per-catalog limits (body cap, deadline, user agent) come from feeds.json defaults.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one request on 5xx, 408 and network errors (never on 429 or 503 with Retry-After: those reschedule).</summary>
    [Range(0, 5)]
    public int RetryAttempts { get; set; } = 1;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 20)]
    public int MaxRedirects { get; set; } = 5;

    [Range(1, 64)]
    public int MaxConnectionsPerServer { get; set; } = 4;
}
