namespace AiFeed.Model;

/// <summary>
/// What the generic listing reader learned from one post's own page (its OpenGraph and article
/// metadata) when the listing's card did not say, kept so the page is asked again only
/// conditionally, and a post's date is never lost between polls.
/// </summary>
public sealed record ArticleLookup
{
    public required string Url { get; init; }

    /// <summary>When the page was last requested.</summary>
    public DateTime CheckedAt { get; init; }

    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public string? Title { get; init; }

    public DateTime? PublishedAt { get; init; }

    public string? Summary { get; init; }

    public string? ImageUrl { get; init; }
}
