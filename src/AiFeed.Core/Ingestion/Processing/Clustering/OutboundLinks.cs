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
        foreach (Match match in Href().Matches(html))
        {
            var canonical = UrlCanonicalizer.Canonicalize(WebUtility.HtmlDecode(match.Groups["url"].Value));
            if (canonical is null
                || string.Equals(UrlCanonicalizer.Site(canonical), ownSite, StringComparison.Ordinal)
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

    [GeneratedRegex("\\bhref=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Href();
}
