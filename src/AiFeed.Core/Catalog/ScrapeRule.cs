using System.Globalization;

namespace AiFeed.Catalog;

/// <summary>
/// The <c>scrape</c> object of a source: how to read posts from its listing page (the source's
/// <c>site</c>). CSS mode selects one element per post; embedded-data mode walks the JSON a page
/// carries for its own scripts. Field values are CSS field specs (<c>selector@attribute</c>) in CSS
/// mode and JSON paths or templates in embedded mode.
/// </summary>
public sealed record ScrapeRule
{
    /// <summary>Null in CSS mode; where the page keeps its JSON in embedded-data mode.</summary>
    public EmbeddedData? Embedded { get; init; }

    /// <summary>CSS mode: the selector of one post's element. Embedded mode: the path to the post objects.</summary>
    public required string Items { get; init; }

    public string? Title { get; init; }

    /// <summary>Null in CSS mode means the post element's own href, else its first link.</summary>
    public string? Link { get; init; }

    public string? Date { get; init; }

    public string? Summary { get; init; }

    public string? Author { get; init; }

    public string? Tags { get; init; }

    public string? Image { get; init; }

    /// <summary>.NET custom date formats tried before the lenient parser, e.g. <c>MMM d, yyyy</c>.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];

    /// <summary>Culture of month and day names in dates; null is the invariant (English) culture.</summary>
    public string? Culture { get; init; }

    /// <summary>CSS field spec of the link to the next listing page; null reads one page.</summary>
    public string? Next { get; init; }

    /// <summary>Listing pages read at most, the first included.</summary>
    public int MaxPages { get; init; } = 1;

    /// <summary>Changes whenever the rule does: a new rule starts a new "last good count".</summary>
    public string Fingerprint() => string.Join(
        '\u001f',
        Embedded?.ToString() ?? "css",
        Items,
        Title,
        Link,
        Date,
        Summary,
        Author,
        Tags,
        Image,
        string.Join('\u001e', DateFormats),
        Culture,
        Next,
        MaxPages.ToString(CultureInfo.InvariantCulture));
}

/// <summary>Where a page keeps the JSON its scripts render from.</summary>
public enum EmbeddedData
{
    /// <summary><c>&lt;script id="__NEXT_DATA__"&gt;</c> of Next.js pages-router sites.</summary>
    NextData,

    /// <summary>Every <c>&lt;script type="application/ld+json"&gt;</c>, as one array.</summary>
    LdJson,

    /// <summary>The React Server Components rows of Next.js app-router sites (<c>self.__next_f.push</c>), as one array.</summary>
    NextFlight,
}
