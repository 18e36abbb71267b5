using AiFeed.Model;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// What a rule found on one page: the posts (distinct by link, in page order), how many
/// elements/objects the item selector or path matched, and the named fields that came out empty in
/// every post (a rule half broken by a markup change).
/// </summary>
public sealed record ScrapeResult(IReadOnlyList<FeedItem> Items, int Matched, string ItemsDescription, IReadOnlyList<RuleField> EmptyFields)
{
    /// <summary>The rule key that selects the posts: <c>item</c> (CSS) or <c>items</c> (embedded data).</summary>
    public string ItemsKey { get; init; } = "item";

    /// <summary>The listing's next page, when the rule has a <c>next</c> field and the page links one.</summary>
    public Uri? NextPage { get; init; }

    /// <summary>Set when the page lacks the data the rule reads (no <c>__NEXT_DATA__</c> script, say).</summary>
    public string? Problem { get; init; }
}

/// <summary>A field of a rule by its feeds.json key and value, e.g. <c>title `h2`</c>.</summary>
public sealed record RuleField(string Key, string Spec)
{
    public override string ToString() => $"{Key} `{Spec}`";
}
