namespace AiFeed.Ingestion.Fetching;

/// <summary>What one conditional GET gave.</summary>
public sealed record FetchResult
{
    public required FetchOutcome Outcome { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>The body (Ok only); owned by the caller.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? ContentType { get; init; }

    public string? Charset { get; init; }

    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    /// <summary>The URL that answered, after redirects.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>Set when every hop to FinalUrl was permanent (301/308): the stored feed URL moves there.</summary>
    public Uri? PermanentlyMovedTo { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Cache-Control max-age of the response.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>One plain sentence for the operator when Outcome is not Ok/NotModified.</summary>
    public string? Error { get; init; }

    public long Bytes { get; init; }

    /// <summary>Not sent: the feed's circuit breaker is open after repeated failures.</summary>
    public bool CircuitOpen { get; init; }

    public TimeSpan Duration { get; init; }
}

public enum FetchOutcome
{
    Ok,
    NotModified,

    /// <summary>The server answered with an error status (4xx/5xx).</summary>
    HttpError,

    /// <summary>No usable answer: network error, deadline, size cap, redirect problem.</summary>
    Failed,
}

/// <summary>A conditional GET of one URL with the limits that apply.</summary>
public sealed record FetchRequest(Uri Url, string? ETag, string? LastModified, string UserAgent, long MaxBytes, TimeSpan Timeout);
