using System.Collections.Frozen;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>
/// Which links on a listing page can lead to one post: same site, not the listing itself or a page
/// above it, not a page about many posts (a tag, a category, an author, a later page of the list),
/// not a page about the site (about, careers, legal), not a file, and not in the page's chrome
/// (navigation, banner, site footer, sidebar).
/// </summary>
internal static class PostLinks
{
    private static readonly FrozenSet<string> NonPostSegments = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "tag", "tags", "category", "categories", "topic", "topics", "label", "labels", "author", "authors",
        "people", "person", "team", "page", "search", "archive", "archives", "login", "signin", "sign-in",
        "signup", "sign-up", "register", "subscribe", "account", "feed", "feeds", "rss", "atom", "about",
        "about-us", "careers", "jobs", "contact", "contact-us", "privacy", "privacy-policy", "terms",
        "terms-of-service", "terms-of-use", "legal", "cookies", "cookie-policy", "wp-admin", "wp-login.php",
        "cdn-cgi", "cart");

    private static readonly FrozenSet<string> NonPostQueryKeys = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "tag", "tags", "category", "categories", "cat", "topic", "topics", "author", "page", "paged", "search", "q", "s", "sort", "filter", "lang");

    private static readonly FrozenSet<string> FileExtensions = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ".xml", ".rss", ".atom", ".json", ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".zip", ".mp3", ".mp4", ".txt");

    // Where-from markers listing pages add to their own links (Medium's ?source=collection_home---…):
    // a post is the same post without them. Feeds' links keep "source" (UrlCanonicalizer), pages' drop it.
    private static readonly FrozenSet<string> ListingTrackers = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "source", "ref", "ref_src", "via", "from", "referrer", "trk");

    private const string Chrome = "nav, [role=navigation], [role=banner], [role=contentinfo], [role=menu], [role=menubar], [role=dialog], [aria-label*=breadcrumb i]";

    /// <summary>The post URL an anchor links to (fragment dropped), or null when it cannot be one.</summary>
    public static Uri? PostUrl(IElement anchor, Uri? baseUri, Uri page)
    {
        if (HtmlPage.Resolve(baseUri, anchor.GetAttribute("href")) is not { } href)
        {
            return null;
        }

        var url = new UriBuilder(href) { Fragment = string.Empty, Query = WithoutTrackers(new Uri(href).Query) }.Uri;
        return IsPostUrl(url, page) && !InChrome(anchor) ? url : null;
    }

    /// <summary>Whether <paramref name="url"/> can be one post of the listing at <paramref name="page"/> (by the URL alone).</summary>
    public static bool IsPostUrl(Uri url, Uri page)
    {
        if (!SameSite(url, page))
        {
            return false;
        }

        var path = Trim(url.AbsolutePath);
        var pagePath = Trim(page.AbsolutePath);
        if (path.Length == 0 || string.Equals(path, pagePath, StringComparison.OrdinalIgnoreCase)
            || pagePath.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase))
        {
            // The listing itself (another page of it, a filter) or a page above it.
            return false;
        }

        var segments = Segments(url);
        if (segments.Any(NonPostSegments.Contains) || FileExtensions.Contains(Path.GetExtension(segments[^1])))
        {
            return false;
        }

        return !QueryKeys(url).Any(NonPostQueryKeys.Contains);
    }

    /// <summary>Whether the URL's path lies under the listing's (a listing at the site's root has none to lie under).</summary>
    public static bool UnderListing(Uri url, Uri page)
    {
        var pagePath = Trim(page.AbsolutePath);
        return pagePath.Length > 0 && Trim(url.AbsolutePath).StartsWith(pagePath + "/", StringComparison.OrdinalIgnoreCase);
    }

    public static string[] Segments(Uri url) =>
        url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Same host, a leading "www." aside.</summary>
    public static bool SameSite(Uri url, Uri page) =>
        url.Scheme is "http" or "https" && string.Equals(Host(url), Host(page), StringComparison.OrdinalIgnoreCase);

    // Page chrome: navigation and menus anywhere; a header, footer or sidebar of the page (a card's own
    // header or footer, inside an article or list item, is part of the card).
    private static bool InChrome(IElement anchor) =>
        anchor.Closest(Chrome) is not null
        || (anchor.Closest("header, footer, aside") is { } part && part.Closest("article, li") is null);

    private static string Host(Uri url) => url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;

    private static string Trim(string path) => path.TrimEnd('/');

    private static string WithoutTrackers(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Split('=')[0] is var key && !ListingTrackers.Contains(key) && !key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<string> QueryKeys(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]);
}
