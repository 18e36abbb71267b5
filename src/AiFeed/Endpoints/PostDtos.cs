using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Endpoints;

/// <summary>A post in lists.</summary>
public sealed record PostSummaryDto(
    string Id,
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
    public static PostSummaryDto From(Post post, FeedCatalog catalog) => new(
        post.Id,
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

    /// <summary>A removed source keeps its posts; its id stands in for the name.</summary>
    internal static string NameOf(string sourceId, FeedCatalog catalog) => catalog.Find(sourceId)?.Name ?? sourceId;
}

public sealed record AlsoInDto(string SourceId, string SourceName, string Url);

/// <summary>One post with its sanitised content.</summary>
public sealed record PostDetailDto(
    string Id,
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
    IReadOnlyList<string> Categories,
    string? ImageUrl,
    string? ContentHtml,
    bool SourceRemoved)
{
    public static PostDetailDto From(Post post, FeedCatalog catalog)
    {
        var s = PostSummaryDto.From(post, catalog);
        return new(s.Id, s.Title, s.Url, s.SourceId, s.SourceName, s.PublishedAt, s.FirstSeenAt, s.UpdatedAt, s.Author, s.Summary, s.Tags, s.AlsoIn, post.Categories, post.ImageUrl, post.ContentHtml, s.SourceRemoved);
    }
}

public sealed record PostListDto(IReadOnlyList<PostSummaryDto> Items, string? NextCursor);

public sealed record CountDto(long Count);
