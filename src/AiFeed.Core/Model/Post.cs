namespace AiFeed.Model;

/// <summary>A stored post: one story as AiFeed serves it.</summary>
public sealed class Post
{
    /// <summary>Stable identity: hash of the first source's id and the item's identity in that source.</summary>
    public required string Id { get; set; }

    public required string SourceId { get; set; }

    public required string Title { get; set; }

    /// <summary>Canonical URL (see UrlCanonicalizer); null when the item had no usable link.</summary>
    public string? Url { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime FirstSeenAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>PublishedAt when known, else FirstSeenAt: the order readers see.</summary>
    public DateTime SortAt { get; set; }

    public string? Author { get; set; }

    /// <summary>Plain text, at most 300 characters.</summary>
    public string Summary { get; set; } = "";

    /// <summary>Sanitised HTML, safe to render as is.</summary>
    public string? ContentHtml { get; set; }

    public string? ImageUrl { get; set; }

    public List<string> Categories { get; set; } = [];

    /// <summary>Lower-case tag names.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Other sources that carried the same story.</summary>
    public List<AlsoIn> AlsoIn { get; set; } = [];

    /// <summary>SourceId and every AlsoIn source: what source= filters on.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>SortAt ticks and Id, fixed width: a unique, index-ordered key for cursor pagination.</summary>
    public string SortKey { get; set; } = "";

    /// <summary>Normalised words of title, summary and author, for q= search.</summary>
    public List<string> Terms { get; set; } = [];

    /// <summary>Hash of the raw item as fetched: an unchanged item skips sanitising and writing.</summary>
    public string RawHash { get; set; } = "";
}

/// <summary>Another source's copy of a stored story.</summary>
public sealed class AlsoIn
{
    public required string SourceId { get; set; }

    public required string Url { get; set; }
}
