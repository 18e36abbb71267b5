namespace AiFeed.Model;

/// <summary>One item as a parser or scraper read it, before processing.</summary>
public sealed record FeedItem
{
    /// <summary>GUID / Atom id / JSON Feed id, trimmed; null when absent.</summary>
    public string? Id { get; init; }

    public string? Title { get; init; }

    /// <summary>Absolute link (resolved against xml:base, the feed link, then the feed URL).</summary>
    public string? Link { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? Author { get; init; }

    /// <summary>Summary/description as found (HTML or text).</summary>
    public string? Summary { get; init; }

    /// <summary>Full content (content:encoded, Atom content, content_html) as found.</summary>
    public string? ContentHtml { get; init; }

    public string? ImageUrl { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>A whole parsed document.</summary>
public sealed record ParsedFeed
{
    public required FeedFormat Format { get; init; }

    public string? Title { get; init; }

    public string? Link { get; init; }

    /// <summary>RSS &lt;ttl&gt; in minutes, when given.</summary>
    public TimeSpan? Ttl { get; init; }

    public required IReadOnlyList<FeedItem> Items { get; init; }

    /// <summary>True when the document was not well formed and was read by the lenient path.</summary>
    public bool Recovered { get; init; }

    /// <summary>What was wrong with a document that was read anyway, for the operator; null when nothing was.</summary>
    public string? Warning { get; init; }
}

public enum FeedFormat
{
    Unknown,
    Rss20,
    Rss09x,
    Rss10,
    Atom10,
    Atom03,
    JsonFeed,
}
