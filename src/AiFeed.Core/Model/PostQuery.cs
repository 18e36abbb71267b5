namespace AiFeed.Model;

/// <summary>The filters the API and the feed outputs accept; all optional, all combined with AND.</summary>
public sealed record PostQuery
{
    public const int MaxLimit = 200;

    /// <summary>Any of these sources (a post from a source, or carried by it as alsoIn).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Every one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Every post of every story cluster instead of one representative per cluster.</summary>
    public bool Expand { get; init; }

    /// <summary>Normalised search words; every one must match a word of the post or be the start of one.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>The search as typed (q=), in the syntax of docs/search.md; blank for no search.</summary>
    public string? Text { get; init; }

    public DateTime? Since { get; init; }

    public DateTime? Until { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>SortKey of the last post of the previous page; for a search, "@" and the number of results already seen.</summary>
    public string? After { get; init; }
}

/// <summary>One page of posts, newest first (a search: best first), with what a search adds.</summary>
public sealed record PostPage(IReadOnlyList<Post> Items, string? NextAfter, SearchOutcome? Search = null);
