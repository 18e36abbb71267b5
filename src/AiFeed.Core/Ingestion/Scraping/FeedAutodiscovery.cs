using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping;

/// <summary>A feed a page advertises in its head.</summary>
public sealed record DiscoveredFeed(Uri Url, string Type, string? Title);

/// <summary>
/// Finds the feeds a page advertises with <c>&lt;link rel="alternate" type="…"&gt;</c> (RSS, Atom,
/// JSON Feed) in its <c>&lt;head&gt;</c>; only the head is parsed.
/// </summary>
public static class FeedAutodiscovery
{
    private static readonly string[] FeedTypes =
    [
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    ];

    /// <summary>The advertised feeds in page order, comment feeds last; empty when none.</summary>
    public static async Task<IReadOnlyList<DiscoveredFeed>> DiscoverAsync(ReadOnlyMemory<byte> page, Uri pageUrl, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var parsed = await HtmlPage.ParseHeadAsync(page, pageUrl, contentType, cancellationToken);
        return Discover(parsed.Document);
    }

    internal static IReadOnlyList<DiscoveredFeed> Discover(IDocument document)
    {
        var found = new List<DiscoveredFeed>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseUri = HtmlPage.BaseOf(document);
        foreach (var link in document.QuerySelectorAll("link[rel~='alternate' i][type][href]"))
        {
            var type = link.GetAttribute("type")!.Split(';')[0].Trim().ToLowerInvariant();
            if (!FeedTypes.Contains(type, StringComparer.Ordinal)
                || HtmlPage.Resolve(baseUri, link.GetAttribute("href")) is not { } href
                || !seen.Add(href))
            {
                continue;
            }

            found.Add(new DiscoveredFeed(new Uri(href), type, link.GetAttribute("title")?.Trim() is { Length: > 0 } t ? t : null));
        }

        // WordPress and others advertise a comments feed next to the posts feed; the posts are what a reader follows.
        return [.. found.OrderBy(f => f.Title?.Contains("comment", StringComparison.OrdinalIgnoreCase) == true ? 1 : 0)];
    }
}
