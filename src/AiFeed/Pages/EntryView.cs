using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Pages;

/// <summary>One story on the home page.</summary>
public sealed record EntryView(
    string Id,
    string Title,
    string? Url,
    string SourceId,
    string SourceName,
    DateTime At,
    string? Author,
    string Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<AlsoInView> AlsoIn,
    bool HasContent,
    string? Thumbnail = null)
{
    /// <summary>In search results: title and summary with the matched words in &lt;mark&gt; (HTML-escaped by the highlighter).</summary>
    public PostHighlight? Highlight { get; init; }

    public static EntryView From(Post post, FeedCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new EntryView(
            post.Id,
            post.Title,
            post.Url,
            post.SourceId,
            Endpoints.PostSummaryDto.NameOf(post.SourceId, catalog),
            post.SortAt,
            post.Author,
            post.Summary,
            post.Tags,
            [.. post.AlsoIn.Select(a => new AlsoInView(a.SourceId, Endpoints.PostSummaryDto.NameOf(a.SourceId, catalog), a.Url))],
            post.HasContent,
            Endpoints.ImagesApi.UrlOrNull(post));
    }
}

public sealed record AlsoInView(string SourceId, string SourceName, string Url);
