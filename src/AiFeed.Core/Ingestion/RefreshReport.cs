namespace AiFeed.Ingestion;

/// <summary>The outcome of refreshing one source once.</summary>
public sealed record RefreshReport(string SourceId, RefreshOutcome Outcome, int Items = 0, int NewPosts = 0, int UpdatedPosts = 0, string? Error = null);

public enum RefreshOutcome
{
    Ok,
    NotModified,
    FetchError,
    ParseError,

    /// <summary>The listing page came but the scrape rules found nothing trustworthy; stored posts were kept.</summary>
    ScrapeBroken,
}
