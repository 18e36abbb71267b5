namespace AiFeed.Ingestion.Reading;

/// <summary>The values of <see cref="Model.SourceState.ReadVia"/>.</summary>
public static class ReadVia
{
    /// <summary>The configured feed URL.</summary>
    public const string Feed = "feed";

    /// <summary>A feed the site advertises in its head.</summary>
    public const string Discovered = "discovered";

    /// <summary>The scrape rules over the site.</summary>
    public const string Scrape = "scrape";

    /// <summary>The configured feed failed; the site (scrape rules or its advertised feed) stood in for this poll.</summary>
    public const string Fallback = "fallback";

    /// <summary>
    /// The generic listing reader over the site: for a source with a site and nothing else that reads,
    /// or standing in for broken scrape rules or a failed feed (then with a fallback reason).
    /// </summary>
    public const string Generic = "generic";
}
