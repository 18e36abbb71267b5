using System.Text.RegularExpressions;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// The fields a post is clustered by, computed once when it is built: exact story keys (the URL
/// without scheme, www. or trailing slash; the arXiv id without its version; a DOI), a normalised
/// title, a SimHash of the summary and the links to other sites.
/// </summary>
public static partial class StorySignature
{
    /// <summary>Prefix of URL keys, in <see cref="Post.StoryKeys"/> and <see cref="Post.Links"/> alike, so one lookup finds both.</summary>
    public const string UrlKeyPrefix = "u:";

    public static void Apply(Post post) => Apply(post, null);

    /// <summary><see cref="Apply(Post)"/> with the post's title and summary already split (<see cref="PostWords"/>).</summary>
    internal static void Apply(Post post, PostWords? words)
    {
        ArgumentNullException.ThrowIfNull(post);
        var keys = new List<string>(2);
        if (UrlCanonicalizer.StoryKey(post.Url) is { } storyKey)
        {
            keys.Add(UrlKeyPrefix + storyKey);
        }

        if (ArxivId(post.Url, post.Title, post.Summary) is { } arxiv)
        {
            keys.Add("arxiv:" + arxiv);
        }

        if (Doi(post.Url, post.Title) is { } doi)
        {
            keys.Add("doi:" + doi);
        }

        post.StoryKeys = keys;
        post.Links = OutboundLinks.Extract(post.ContentHtml, post.Url);
        var titleWords = words is null ? SearchTerms.Words(post.Title) : SearchTerms.WithoutStopWords(words.Title);
        post.TitleKey = string.Join(' ', titleWords);
        // The summary alone: a newsletter rewrites the headline but pastes the lab's first paragraph.
        post.TextHash = SimHash.Compute(words is null ? SearchTerms.Words(post.Summary) : SearchTerms.WithoutStopWords(words.Summary));
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

    /// <summary>
    /// A DOI (10.NNNN/…, lower-cased: DOIs are case-insensitive) from a doi.org link or a "doi:"
    /// title. As for arXiv, a DOI the text merely cites says nothing about which story the post is.
    /// </summary>
    public static string? Doi(string? url, string? title)
    {
        if (url is not null && DoiUrl().Match(url) is { Success: true } fromUrl)
        {
            return Uri.UnescapeDataString(fromUrl.Groups["id"].Value).ToLowerInvariant();
        }

        return title is not null && DoiText().Match(title) is { Success: true } fromTitle ? fromTitle.Groups["id"].Value.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The last path segment of a URL with its query (and a fragment it kept), how a moved article is
    /// still recognised: /discover/blog/x/ and /blog/x/ share "x", page.asp?ID=1 and page.asp?ID=2 share nothing.
    /// </summary>
    public static string? Slug(string? url)
    {
        if (UrlCanonicalizer.StoryKey(url) is not { } key)
        {
            return null;
        }

        var end = key.IndexOfAny(['?', '#']);
        var slash = (end < 0 ? key : key[..end]).LastIndexOf('/');
        return slash < 0 || slash == key.Length - 1 ? null : key[(slash + 1)..].ToLowerInvariant();
    }

    // No match timeout on these four: each is linear in its input (a literal first, no nested or
    // overlapping quantifiers), while a wall-clock timeout fires whenever a busy machine deschedules
    // the thread mid-match, and the exception failed the whole source's refresh.
    [GeneratedRegex(@"arxiv\.org/(?:abs|pdf|html)/(?<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArxivUrl();

    [GeneratedRegex(@"(?:^|//)(?:dx\.)?doi\.org/(?<id>10\.\d{4,9}/[^?#\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoiUrl();

    [GeneratedRegex(@"\bdoi:\s*(?<id>10\.\d{4,9}/[^\s""<>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoiText();

    [GeneratedRegex(@"arxiv:\s*(?<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArxivText();
}
