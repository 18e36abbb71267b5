namespace AiFeed.Catalog;

/// <summary>The validated content of feeds.json.</summary>
public sealed record FeedCatalog
{
    public static FeedCatalog Empty { get; } = new() { Defaults = new CatalogDefaults(), Sources = [] };

    public required CatalogDefaults Defaults { get; init; }

    public required IReadOnlyList<SourceDefinition> Sources { get; init; }

    public Taxonomy Taxonomy { get; init; } = Taxonomy.Empty;

    public SourceDefinition? Find(string id) => Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}

/// <summary>The <c>defaults</c> object of feeds.json: what applies to every source unless it says otherwise.</summary>
public sealed record CatalogDefaults
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(30);

    public string UserAgent { get; init; } = "AiFeed/1.0 (+https://github.com/aifeed/aifeed; feed aggregator)";

    /// <summary>Largest response body read, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Deadline for one request, body included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sources refreshed at once, across all hosts.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Sources refreshed at once on one host.</summary>
    public int MaxConcurrencyPerHost { get; init; } = 2;

    /// <summary>Upper bound of the error backoff.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Items kept from one document (newest first in document order).</summary>
    public int MaxItemsPerFeed { get; init; } = 500;
}

/// <summary>One entry of the <c>feeds</c> array.</summary>
public sealed record SourceDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The feed URL; absolute http(s).</summary>
    public string? Url { get; init; }

    /// <summary>Home or listing page; absolute http(s).</summary>
    public string? Site { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>How to read posts from <see cref="Site"/> when there is no feed, or it fails.</summary>
    public ScrapeRule? Scrape { get; init; }

    public double Weight { get; init; } = 1;

    /// <summary>Null means the catalog default.</summary>
    public TimeSpan? PollInterval { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Regex replacements run over every item's title, in order (after the two clean-ups below).</summary>
    public IReadOnlyList<TitleReplacement> TitleReplace { get; init; } = [];

    /// <summary>Removes a date glued to the start or end of titles, and dates the item by it when it has no date.</summary>
    public bool TitleStripDate { get; init; }

    /// <summary>Labels (categories) removed from the start of titles, case aside, in the order given.</summary>
    public IReadOnlyList<string> TitleStripPrefixes { get; init; } = [];

    /// <summary>Whether any title clean-up applies to this source.</summary>
    public bool CleansTitles => TitleReplace.Count > 0 || TitleStripDate || TitleStripPrefixes.Count > 0;
}

/// <summary>One entry of a source's <c>titleReplace</c>: a .NET regex and its replacement ($1, ${name}).</summary>
public sealed record TitleReplacement
{
    public required System.Text.RegularExpressions.Regex Pattern { get; init; }

    public string Replacement { get; init; } = string.Empty;
}

/// <summary>One problem found in feeds.json, with where it is.</summary>
public sealed record CatalogError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Either a catalog or the reasons there is none.</summary>
public sealed record CatalogLoadResult(FeedCatalog? Catalog, IReadOnlyList<CatalogError> Errors)
{
    public bool IsValid => Catalog is not null && Errors.Count == 0;
}
