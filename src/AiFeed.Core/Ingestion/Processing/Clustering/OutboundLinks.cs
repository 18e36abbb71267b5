using System.Net;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// The links a post's content makes to other sites, as story keys ("u:…"): a newsletter that links to
/// the lab's post, or two posts that link to the same paper, corroborate a similar title.
/// </summary>
public static class OutboundLinks
{
    /// <summary>Links kept per post: the first ones name what a post is about; the rest is reading lists.</summary>
    public const int MaxLinks = 8;

    /// <summary>
    /// Links of sanitised <paramref name="html"/> (attributes double-quoted, as the sanitiser writes
    /// them) to pages of other sites than <paramref name="postUrl"/>'s. A site's home page says
    /// nothing about which story a post tells, so bare hosts are left out.
    /// </summary>
    public static List<string> Extract(string? html, string? postUrl)
    {
        if (string.IsNullOrEmpty(html))
        {
            return [];
        }

        var ownSite = UrlCanonicalizer.Site(postUrl);
        var links = new List<string>();
        foreach (var (index, length) in Hrefs(html))
        {
            var value = html.AsSpan(index, length);
            var raw = value.Contains('&') ? WebUtility.HtmlDecode(value.ToString()) : value.ToString();
            // The site first: most links of a post are to its own site, and need no more work.
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri)
                || string.Equals(uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host, ownSite, StringComparison.Ordinal)
                || UrlCanonicalizer.Canonicalize(raw) is not { } canonical
                || UrlCanonicalizer.StoryKey(canonical) is not { } key
                || !key.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var link = StorySignature.UrlKeyPrefix + key;
            if (!links.Contains(link, StringComparer.Ordinal))
            {
                links.Add(link);
                if (links.Count == MaxLinks)
                {
                    break;
                }
            }
        }

        return links;
    }

    // Each href="…" value (a non-empty one, closed by its quote; "href" as a whole word, any case):
    // a search for the attribute, not a regex, so a long page costs a vectorised scan and nothing
    // can time out when the machine is busy.
    private static IEnumerable<(int Index, int Length)> Hrefs(string html)
    {
        const string attribute = "href=\"";
        var at = 0;
        while (at < html.Length)
        {
            var found = html.AsSpan(at).IndexOf(attribute, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                yield break;
            }

            var start = at + found + attribute.Length;
            var end = html.IndexOf('"', start);
            if (end < 0)
            {
                yield break;
            }

            var whole = at + found == 0 || !IsWordChar(html[at + found - 1]);
            if (whole && end > start)
            {
                yield return (start, end - start);
                at = end + 1;
            }
            else
            {
                at = start;
            }
        }
    }

    // What a regex's \b counts as a word character.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation;
}
