using System.Text.RegularExpressions;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// The fields a post is clustered by, computed once when it is built: exact story keys (the URL
/// without scheme, www. or trailing slash; the arXiv id without its version), a normalised title,
/// and a SimHash of the summary.
/// </summary>
public static partial class StorySignature
{
    public static void Apply(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var keys = new List<string>(2);
        if (UrlCanonicalizer.StoryKey(post.Url) is { } storyKey)
        {
            keys.Add("u:" + storyKey);
        }

        if (ArxivId(post.Url, post.Title, post.Summary) is { } arxiv)
        {
            keys.Add("arxiv:" + arxiv);
        }

        post.StoryKeys = keys;
        var titleWords = SearchTerms.Words(post.Title);
        post.TitleKey = string.Join(' ', titleWords);
        // The summary alone: a newsletter rewrites the headline but pastes the lab's first paragraph.
        post.TextHash = SimHash.Compute(SearchTerms.Words(post.Summary));
        post.TextBands = SimHash.BandKeys(post.TextHash);
    }

    /// <summary>
    /// The arXiv id (new 2401.12345 or old cs/0101001 style) without "v2", from an arxiv.org link, an
    /// "arXiv:" title, or a summary that starts with one (arXiv's own feeds). A summary that merely
    /// cites a paper says nothing about which story the post is.
    /// </summary>
    public static string? ArxivId(string? url, string? title, string? summary)
    {
        if (url is not null && ArxivUrl().Match(url) is { Success: true } fromUrl)
        {
            return fromUrl.Groups["id"].Value.ToLowerInvariant();
        }

        if (title is not null && ArxivText().Match(title) is { Success: true } fromTitle)
        {
            return fromTitle.Groups["id"].Value.ToLowerInvariant();
        }

        if (summary is not null && ArxivText().Match(summary) is { Success: true, Index: < 2 } fromSummary)
        {
            return fromSummary.Groups["id"].Value.ToLowerInvariant();
        }

        return null;
    }

    /// <summary>The last path segment of a URL ("slug"), how a moved article is still recognised.</summary>
    public static string? Slug(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var slash = path.LastIndexOf('/');
        var slug = slash < 0 ? path : path[(slash + 1)..];
        return slug.Length == 0 ? null : slug.ToLowerInvariant();
    }

    [GeneratedRegex(@"arxiv\.org/(?:abs|pdf|html)/(?<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex ArxivUrl();

    [GeneratedRegex(@"arxiv:\s*(?<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex ArxivText();
}
