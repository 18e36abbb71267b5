namespace AiFeed.Model;

/// <summary>
/// What a search (q=) adds to its page: the matches counted, highlights of the page's posts, facets.
/// <paramref name="Exact"/> false: the total and the facet counts are estimates (a store can stop
/// counting a very common word at the newest matches; docs/search.md).
/// </summary>
public sealed record SearchOutcome(
    long Total,
    IReadOnlyDictionary<string, PostHighlight> Highlights,
    IReadOnlyList<FacetCount> Tags,
    IReadOnlyList<FacetCount> Sources,
    bool Exact = true);

/// <summary>HTML-escaped text with the matched words in <c>&lt;mark&gt;</c>; null where the field did not match.</summary>
public sealed record PostHighlight(string? Title, string? Summary);

/// <summary>How many matching stories (or posts, expanded) have this tag or source.</summary>
public sealed record FacetCount(string Value, long Count);
