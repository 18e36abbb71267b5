using AiFeed.Ingestion.Processing;
using AiFeed.Model;

namespace AiFeed.Ingestion.Scraping;

// What both scrapers do to their items before anyone counts them.
internal static class ScrapedItems
{
    // Listing pages repeat posts (a featured card and the same post in the list): one post per
    // link, first wins. A post without a link cannot be identified or opened, so it is dropped.
    public static List<FeedItem> Distinct(IEnumerable<FeedItem> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. items.Where(i => i.Link is not null && seen.Add(UrlCanonicalizer.Canonicalize(i.Link) ?? i.Link))];
    }

    public static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
