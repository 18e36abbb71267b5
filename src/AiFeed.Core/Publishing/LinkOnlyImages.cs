using System.Text.RegularExpressions;

namespace AiFeed.Publishing;

/// <summary>
/// Our pages make no third-party requests, so images in post content are not loaded: each
/// <c>&lt;img&gt;</c> becomes a link to the picture on its own site, labelled with its alt text.
/// The input is ContentSanitizer output (every attribute value is double-quoted with quotes, &amp;,
/// &lt; and &gt; escaped, and a literal &lt; in text is escaped; see HtmlEscape), which makes tags
/// recognisable by pattern; the attribute values are copied as already escaped. A tag this
/// misreads can only lose its image, never gain markup.
/// </summary>
public static partial class LinkOnlyImages
{
    public static string Rewrite(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        return html.Contains("<img", StringComparison.OrdinalIgnoreCase)
            ? ImageTag().Replace(html, Replace)
            : html;
    }

    private static string Replace(Match image)
    {
        var tag = image.Value;
        var src = Attribute().Matches(tag).FirstOrDefault(m => string.Equals(m.Groups["name"].Value, "src", StringComparison.OrdinalIgnoreCase))?.Groups["value"].Value;
        var alt = Attribute().Matches(tag).FirstOrDefault(m => string.Equals(m.Groups["name"].Value, "alt", StringComparison.OrdinalIgnoreCase))?.Groups["value"].Value;
        var label = string.IsNullOrWhiteSpace(alt) ? "image" : "image: " + alt;
        return src is { Length: > 0 } && (src.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || src.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ? $"<a class=\"image-link\" href=\"{src}\" rel=\"noopener noreferrer\">[{label}]</a>"
            : $"<span class=\"image-link\">[{label}]</span>";
    }

    [GeneratedRegex("<img\\b(?:[^>\"]|\"[^\"]*\")*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImageTag();

    [GeneratedRegex("\\s(?<name>[a-zA-Z-]+)=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
