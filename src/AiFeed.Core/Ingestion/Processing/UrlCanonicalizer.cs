using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// One spelling per link, so the same article read twice (or from two feeds) gets the same URL.
/// Only changes that cannot alter what the server returns are made, except for tracking parameters,
/// which by design do not change the page either.
/// </summary>
public static class UrlCanonicalizer
{
    // Click and campaign trackers: they identify the reader or the campaign, never the page.
    private static readonly FrozenSet<string> TrackingParameters = new[]
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid",
        "ref_src", "ref", "yclid", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "__s", "s_cid",
        "spm", "cmpid", "wt_mc",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TrackingLookup =
        TrackingParameters.GetAlternateLookup<ReadOnlySpan<char>>();

    // `source` is a real parameter on many sites (search pages, app stores), so it is only dropped
    // when its value says "you came from a feed": Medium appends `?source=rss----<id>---4` to every
    // feed link, WordPress plugins add `source=feed`.
    private static readonly string[] FeedSourceValues = ["rss", "feed", "atom"];

    /// <summary>
    /// The canonical form of an absolute http(s) URL, or null when <paramref name="url"/> is not one.
    /// The fragment is dropped (a page's sections are one page) unless <paramref name="keepFragment"/>:
    /// a feed whose items differ only by fragment (Scripting News: one page per day, an anchor per
    /// post) needs it to tell them apart (see <see cref="FragmentsDistinguishItems"/>).
    /// </summary>
    public static string? Canonicalize(string? url, bool keepFragment = false)
    {
        if (string.IsNullOrWhiteSpace(url)
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.IdnHost.Length == 0)
        {
            return null;
        }

        // Uri already lower-cases scheme and host, removes dot segments and unescapes most
        // unreserved characters; the passes below make the rest of RFC 3986 §6.2.2 hold.
        // User info is dropped on purpose: a stored or published link must never carry credentials.
        var builder = new StringBuilder(url.Length + 8);
        // IdnHost gives IPv6 literals without their brackets; Host keeps them.
        builder.Append(uri.Scheme).Append("://").Append(uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost);
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        AppendNormalizedEscapes(builder, uri.AbsolutePath);
        AppendQuery(builder, uri.Query);
        if (keepFragment && uri.Fragment.Length > 1)
        {
            AppendNormalizedEscapes(builder, uri.Fragment);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether some of these canonical links (with their fragments, see <see cref="Canonicalize"/>)
    /// differ only by their fragment, so the fragments are what tells the items apart and must be
    /// kept. Decided per document: every item of such a feed keeps its fragment, so an item's URL does
    /// not change when its page-mates leave the feed.
    /// </summary>
    public static bool FragmentsDistinguishItems(IEnumerable<string?> canonicalLinks)
    {
        ArgumentNullException.ThrowIfNull(canonicalLinks);
        var fragmentsByPage = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in canonicalLinks)
        {
            if (link is null)
            {
                continue;
            }

            var page = WithoutFragment(link);
            var fragment = link[page.Length..];
            if (!fragmentsByPage.TryAdd(page, fragment) && !string.Equals(fragmentsByPage[page], fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A canonical URL without its fragment (the fragment is the last part of a canonical URL).</summary>
    public static string WithoutFragment(string canonicalUrl)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        var hash = canonicalUrl.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? canonicalUrl : canonicalUrl[..hash];
    }

    /// <summary>
    /// A looser key for "is this the same story": the canonical URL without its scheme, a leading
    /// <c>www.</c> and a trailing slash on the path; its query, and a fragment it kept, stay. Not a
    /// URL; only for comparing.
    /// </summary>
    public static string? StoryKey(string? canonicalUrl)
    {
        // Canonicalizing again is idempotent and keeps the key right for callers holding a raw link.
        var canonical = Canonicalize(canonicalUrl, keepFragment: true);
        if (canonical is null)
        {
            return null;
        }

        var span = canonical.AsSpan(canonical.IndexOf("://", StringComparison.Ordinal) + 3);
        if (span.StartsWith("www.", StringComparison.Ordinal))
        {
            span = span[4..];
        }

        var queryStart = span.IndexOfAny('?', '#');
        var path = queryStart < 0 ? span : span[..queryStart];
        var query = queryStart < 0 ? [] : span[queryStart..];
        path = path.TrimEnd('/');
        return string.Concat(path, query);
    }

    /// <summary>The host of an absolute URL without a leading <c>www.</c>: the site a link is on.</summary>
    public static string? Site(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static void AppendQuery(StringBuilder builder, string query)
    {
        if (query.Length <= 1)
        {
            return;
        }

        var kept = 0;
        foreach (var range in query.AsSpan(1).Split('&'))
        {
            var parameter = query.AsSpan(1)[range];
            if (parameter.IsEmpty || IsTracking(parameter))
            {
                continue;
            }

            builder.Append(kept++ == 0 ? '?' : '&');
            AppendNormalizedEscapes(builder, parameter.ToString());
        }
    }

    private static bool IsTracking(ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        var name = equals < 0 ? parameter : parameter[..equals];
        if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
            || TrackingLookup.Contains(name))
        {
            return true;
        }

        if (!name.Equals("source", StringComparison.OrdinalIgnoreCase) || equals < 0)
        {
            return false;
        }

        var value = parameter[(equals + 1)..];
        foreach (var feedValue in FeedSourceValues)
        {
            if (value.Equals(feedValue, StringComparison.OrdinalIgnoreCase)
                || (value.StartsWith(feedValue, StringComparison.OrdinalIgnoreCase) && value[feedValue.Length] == '-'))
            {
                return true;
            }
        }

        return false;
    }

    // Decodes %XX of unreserved characters (ALPHA DIGIT - . _ ~) and upper-cases the hex digits of
    // every other escape; both are equivalences RFC 3986 allows, nothing else is touched.
    private static void AppendNormalizedEscapes(StringBuilder builder, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                var decoded = (char)byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (char.IsAsciiLetterOrDigit(decoded) || decoded is '-' or '.' or '_' or '~')
                {
                    builder.Append(decoded);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                }

                i += 2;
                continue;
            }

            builder.Append(c);
        }
    }
}
