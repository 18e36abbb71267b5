using AiFeed.Ingestion.Parsing;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>What a post's own page says about it in its head: title, publication date, description, image.</summary>
public sealed record PostMeta(string? Title, DateTimeOffset? PublishedAt, string? Summary, string? ImageUrl);

/// <summary>
/// Reads a post page's OpenGraph and article metadata (<c>article:published_time</c>, <c>og:title</c>,
/// <c>og:description</c>, <c>og:image</c>, the date metas publishers add, and a JSON-LD article) from
/// its head only, the cheap part of a page (docs/library-notes.md 5.2).
/// </summary>
public static class PostPageMeta
{
    private static readonly string[] DateMetas =
    [
        "meta[property='article:published_time' i]",
        "meta[name='article:published_time' i]",
        "meta[itemprop=datePublished]",
        "meta[name='date' i]",
        "meta[name='publish-date' i]",
        "meta[name='publish_date' i]",
        "meta[name='parsely-pub-date' i]",
        "meta[name='sailthru.date' i]",
        "meta[name='dc.date' i]",
        "meta[name='dcterms.date' i]",
        "meta[property='og:published_time' i]",
    ];

    public static async Task<PostMeta> ReadAsync(ReadOnlyMemory<byte> body, Uri url, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var parsed = await HtmlPage.ParseHeadAsync(body, url, contentType, cancellationToken);
        return Read(parsed.Document, url);
    }

    internal static PostMeta Read(IDocument document, Uri url)
    {
        var baseUri = HtmlPage.BaseOf(document) ?? url;
        var ld = LdJsonPosts.Read(document, url).FirstOrDefault(p => PostCards.Key(p.Url) == PostCards.Key(url));
        DateTimeOffset? published = null;
        foreach (var selector in DateMetas)
        {
            if (LenientDates.TryParse(Content(document, selector), out var date))
            {
                published = date;
                break;
            }
        }

        published ??= ld?.PublishedAt;
        if (published is null && document.QuerySelector("time[datetime]")?.GetAttribute("datetime") is { } machine && LenientDates.TryParse(machine, out var time))
        {
            published = time;
        }

        var title = Content(document, "meta[property='og:title' i]") ?? ld?.Title ?? Content(document, "meta[name='twitter:title' i]")
            ?? (document.Title is { } t ? CardFields.Clean(t) : null);
        return new PostMeta(
            string.IsNullOrWhiteSpace(title) ? null : title,
            published,
            Content(document, "meta[property='og:description' i]") ?? Content(document, "meta[name='description' i]") ?? ld?.Summary,
            HtmlPage.Resolve(baseUri, Content(document, "meta[property='og:image' i]") ?? Content(document, "meta[name='twitter:image' i]")) ?? ld?.ImageUrl);
    }

    private static string? Content(IDocument document, string selector) =>
        document.QuerySelector(selector)?.GetAttribute("content") is { } content && !string.IsNullOrWhiteSpace(content) ? CardFields.Clean(content) : null;
}
