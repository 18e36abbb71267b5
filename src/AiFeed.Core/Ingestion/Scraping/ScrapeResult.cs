using AiFeed.Model;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// What a rule found on one page: the posts (distinct by link, in page order), how many
/// elements/objects the item selector or path matched, and the named fields that came out empty in
/// every post (a rule half broken by a markup change).
/// </summary>
public sealed record ScrapeResult(IReadOnlyList<FeedItem> Items, int Matched, string ItemsDescription, IReadOnlyList<string> EmptyFields)
{
    /// <summary>The listing's next page, when the rule has a <c>next</c> field and the page links one.</summary>
    public Uri? NextPage { get; init; }

    /// <summary>Set when the page lacks the data the rule reads (no <c>__NEXT_DATA__</c> script, say).</summary>
    public string? Problem { get; init; }
}
