using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Model;

namespace AiFeed.Endpoints;

/// <summary>A post in lists (and the base of <see cref="PostDetailDto"/>).</summary>
public record PostSummaryDto(
    string Id,
    string StoryId,
    string Title,
    string? Url,
    string SourceId,
    string SourceName,
    DateTime? PublishedAt,
    DateTime FirstSeenAt,
    DateTime UpdatedAt,
    string? Author,
    string Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<AlsoInDto> AlsoIn,
    bool SourceRemoved)
{
    public static PostSummaryDto From(Post post, FeedCatalog catalog) => From(PostListing.Of(post), catalog);

    public static PostSummaryDto From(PostListing post, FeedCatalog catalog) => new(
        post.Id,
        post.StoryId,
        post.Title,
        post.Url,
        post.SourceId,
        NameOf(post.SourceId, catalog),
        post.PublishedAt,
        post.FirstSeenAt,
        post.UpdatedAt,
        post.Author,
        post.Summary,
        post.Tags,
        [.. post.AlsoIn.Select(a => new AlsoInDto(a.SourceId, NameOf(a.SourceId, catalog), a.Url))],
        catalog.Find(post.SourceId) is null);

    /// <summary>In a search (q=): the matched words of the title and summary in &lt;mark&gt;, HTML-escaped.</summary>
    public PostHighlight? Highlights { get; init; }

    /// <summary>A removed source keeps its posts; its id stands in for the name.</summary>
    internal static string NameOf(string sourceId, FeedCatalog catalog) => catalog.Find(sourceId)?.Name ?? sourceId;
}

public sealed record AlsoInDto(string SourceId, string SourceName, string Url);

/// <summary>One post with its sanitised content: the list fields and what only the detail shows.</summary>
public sealed record PostDetailDto : PostSummaryDto
{
    private PostDetailDto(PostSummaryDto summary, IReadOnlyList<string> categories, string? imageUrl, string? contentHtml, IReadOnlyList<TagReasonDto> tagReasons)
        : base(summary)
    {
        Categories = categories;
        ImageUrl = imageUrl;
        ContentHtml = contentHtml;
        TagReasons = tagReasons;
    }

    public IReadOnlyList<string> Categories { get; init; }

    /// <summary>For each tag, what gave it: a keyword, regex or link with where it matched, or the source (docs/tags.md).</summary>
    public IReadOnlyList<TagReasonDto> TagReasons { get; init; }

    public string? ImageUrl { get; init; }

    public string? ContentHtml { get; init; }

    public static PostDetailDto From(Post post, FeedCatalog catalog, IReadOnlyList<TagReason> reasons) =>
        new(PostSummaryDto.From(post, catalog), post.Categories, post.ImageUrl, post.ContentHtml, [.. reasons.Select(r => new TagReasonDto(r.Tag, r.Text))]);
}

public sealed record TagReasonDto(string Tag, string Reason);

public sealed record PostListDto(IReadOnlyList<PostSummaryDto> Items, string? NextCursor)
{
    /// <summary>In a search (q=): how many stories (posts, expanded) match, over all pages.</summary>
    public long? Total { get; init; }

    /// <summary>In a search (q=): false when <see cref="Total"/> and the facet counts are estimates ("about 36,000").</summary>
    public bool? TotalExact { get; init; }

    /// <summary>In a search (q=): the matches counted by tag and by source.</summary>
    public SearchFacetsDto? Facets { get; init; }

    public static PostListDto From(ListingPage page, FeedCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(page);
        var search = page.Search;
        return new PostListDto(
            [.. page.Items.Select(p => PostSummaryDto.From(p, catalog) with { Highlights = search?.Highlights.GetValueOrDefault(p.Id) })],
            page.NextAfter is null ? null : PostQueryParameters.EncodeCursor(page.NextAfter))
        {
            Total = search?.Total,
            TotalExact = search?.Exact,
            Facets = search is null ? null : new SearchFacetsDto(search.Tags, search.Sources),
        };
    }
}

public sealed record SearchFacetsDto(IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Sources);

public sealed record CountDto(long Count);
