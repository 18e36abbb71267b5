using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AiFeed.Model;

/// <summary>
/// The images of a stored post's HTML (<see cref="Post.ContentHtml"/>, ContentSanitizer output), read
/// and rewritten by pattern: in that output every attribute value is double-quoted with quotes, &amp;,
/// &lt; and &gt; escaped, and a literal &lt; in text is escaped (see HtmlEscape), which makes tags
/// recognisable. Attribute values are handed over as escaped; <see cref="Sources"/> unescapes them.
/// A tag this misreads can only lose its image, never gain markup. One place for this reading:
/// processing (a post's first image), the pages (images through the proxy) and the proxy (which
/// images a post references) all use it.
/// </summary>
public static partial class PostImages
{
    /// <summary>The absolute http(s) image URLs of <paramref name="html"/>, unescaped, in order.</summary>
    public static IEnumerable<string> Sources(string? html)
    {
        if (string.IsNullOrEmpty(html) || !html.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        foreach (Match image in ImageTag().Matches(html))
        {
            if (AttributeOf(image.Value, "src") is { } src && WebUtility.HtmlDecode(src) is var url && IsWeb(url))
            {
                yield return url;
            }
        }
    }

    public static string? First(string? html) => Sources(html).FirstOrDefault();

    /// <summary>Replaces each <c>&lt;img&gt;</c> by <paramref name="replace"/>(src, alt), both still escaped (null when absent).</summary>
    public static string Rewrite(string? html, Func<string?, string?, string> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        return html.Contains("<img", StringComparison.OrdinalIgnoreCase)
            ? ImageTag().Replace(html, m => replace(AttributeOf(m.Value, "src"), AttributeOf(m.Value, "alt")))
            : html;
    }

    /// <summary>A short, stable name for an image URL in the proxy's addresses (/images/{post}/{key}).</summary>
    public static string Key(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)).AsSpan(0, 12));
    }

    public static bool IsWeb(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out _);

    private static string? AttributeOf(string tag, string name) =>
        Attribute().Matches(tag).FirstOrDefault(m => string.Equals(m.Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase))?.Groups["value"].Value;

    [GeneratedRegex("<img\\b(?:[^>\"]|\"[^\"]*\")*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImageTag();

    [GeneratedRegex("\\s(?<name>[a-zA-Z-]+)=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
