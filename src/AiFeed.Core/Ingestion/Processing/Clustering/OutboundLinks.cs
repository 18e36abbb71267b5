using System.Net;
using System.Text.RegularExpressions;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// The links a post's content makes to other sites, as story keys ("u:…"): a newsletter that links to
/// the lab's post, or two posts that link to the same paper, corroborate a similar title.
/// </summary>
public static partial class OutboundLinks
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
        foreach (var match in Href().EnumerateMatches(html))
        {
            var value = html.AsSpan(match.Index, match.Length);
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

    // The value itself is the match (a look-behind for the attribute), so matches need no Match objects.
    [GeneratedRegex("(?<=\\bhref=\")[^\"]+(?=\")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Href();
}
