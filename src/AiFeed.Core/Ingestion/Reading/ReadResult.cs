using AiFeed.Ingestion.Fetching;
using AiFeed.Model;

namespace AiFeed.Ingestion.Reading;

/// <summary>What reading a source once gave, whichever way it was read.</summary>
public sealed record ReadResult
{
    public required ReadKind Kind { get; init; }

    /// <summary>One of <see cref="ReadVia"/>.</summary>
    public required string Via { get; init; }

    public IReadOnlyList<FeedItem> Items { get; init; } = [];

    /// <summary>The response the result rests on: its max-age and Retry-After schedule the next check.</summary>
    public FetchResult? Fetch { get; init; }

    /// <summary>RSS &lt;ttl&gt; of a feed.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Failed: one sentence for the operator. Broken: the breakage guard's reason.</summary>
    public string? Error { get; init; }

    /// <summary>Failed because the body was no readable feed (rather than no answer).</summary>
    public bool ParseFailed { get; init; }

    /// <summary>A feed failure the site may stand in for: 404/410, an HTML page, a parse failure.</summary>
    public bool CanFallBack { get; init; }

    public string? FallbackReason { get; init; }

    /// <summary>Read, but something was wrong (a feed read after repair): the source stays ok and says so.</summary>
    public string? Warning { get; init; }

    /// <summary>Posts the rules found on the first listing page (scrapes only).</summary>
    public int? ScrapeCount { get; init; }

    /// <summary>Everything this read tried, in order, with its outcome (see <see cref="ReadAttempt"/>).</summary>
    public IReadOnlyList<ReadAttempt> Attempts { get; init; } = [];

    public static ReadResult Failed(string via, string error, FetchResult? fetch = null) =>
        new() { Kind = ReadKind.Failed, Via = via, Error = error, Fetch = fetch };
}

public enum ReadKind
{
    Items,
    NotModified,
    Failed,

    /// <summary>The page came, the rules found nothing trustworthy in it: keep what is stored.</summary>
    Broken,
}
