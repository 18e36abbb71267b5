using System.Text;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// Screens URL attribute values (already entity-decoded by the tokenizer): only http and https survive,
/// relative URLs are resolved against the base when there is one.
/// </summary>
internal static class SafeUrl
{
    /// <summary>
    /// The URL to write for <paramref name="value"/>, or null when it must go. Without a base a relative
    /// URL is kept as written: it can only point into the page that shows it, under that page's scheme.
    /// </summary>
    public static string? Screen(string value, Uri? baseUrl)
    {
        var url = BrowserTrim(value);
        if (url.Length == 0)
        {
            return null;
        }

        // Two scheme readings, and both must pass: the browser's (on the trimmed URL), and a stricter one
        // that ignores every whitespace and control character, so "java&#xA0;script:" cannot pass as a
        // relative path here and be read as a scheme by a laxer consumer later.
        var scheme = SchemeOf(url);
        var compactScheme = SchemeOf(Compact(url));
        if (!IsAllowedOrNone(scheme) || !IsAllowedOrNone(compactScheme))
        {
            return null;
        }

        // A relative URL with a colon in its first segment ("\uFFFDjavascript:x", "java\u00ADscript:x") is
        // harmless to a browser, which reads it as a path, but no real link is written that way and a
        // laxer reader might see a scheme: drop it.
        if (scheme.Length == 0 && url.AsSpan(0, FirstSegmentLength(url)).Contains(':'))
        {
            return null;
        }

        if (scheme.Length > 0 || baseUrl is null)
        {
            return url;
        }

        return Uri.TryCreate(baseUrl, url, out var resolved) && IsHttp(resolved.Scheme) ? resolved.AbsoluteUri : null;
    }

    /// <summary>
    /// The srcset value with every candidate's URL screened on its own and unsafe candidates left out;
    /// null when none is left. Parsing follows the HTML srcset rules: a URL is a run of non-space
    /// characters (so it may contain commas), then descriptors up to the next comma.
    /// </summary>
    public static string? ScreenSrcset(string value, Uri? baseUrl)
    {
        var output = new StringBuilder(value.Length + 32);
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && (IsHtmlSpace(value[i]) || value[i] == ','))
            {
                i++;
            }

            var urlStart = i;
            while (i < value.Length && !IsHtmlSpace(value[i]))
            {
                i++;
            }

            var urlEnd = i;
            var descriptors = "";
            if (urlEnd > urlStart && value[urlEnd - 1] == ',')
            {
                // "a.png,b.png 2x": a URL ending in commas has no descriptors.
                while (urlEnd > urlStart && value[urlEnd - 1] == ',')
                {
                    urlEnd--;
                }
            }
            else
            {
                var descriptorStart = i;
                var depth = 0;
                while (i < value.Length && (value[i] != ',' || depth > 0))
                {
                    depth += value[i] switch { '(' => 1, ')' when depth > 0 => -1, _ => 0 };
                    i++;
                }

                descriptors = CollapseSpaces(value.AsSpan(descriptorStart, i - descriptorStart));
            }

            if (urlEnd == urlStart)
            {
                continue;
            }

            if (Screen(value[urlStart..urlEnd], baseUrl) is { } url)
            {
                if (output.Length > 0)
                {
                    output.Append(", ");
                }

                output.Append(url);
                if (descriptors.Length > 0)
                {
                    output.Append(' ').Append(descriptors);
                }
            }
        }

        return output.Length > 0 ? output.ToString() : null;
    }

    private static int FirstSegmentLength(string url)
    {
        var end = url.AsSpan().IndexOfAny("/?#\\");
        return end < 0 ? url.Length : end;
    }

    private static bool IsAllowedOrNone(string scheme) => scheme.Length == 0 || IsHttp(scheme);

    private static bool IsHttp(string scheme) =>
        scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a browser's URL parser does first: strip leading and trailing C0 controls and spaces, drop every tab and newline.</summary>
    private static string BrowserTrim(string value)
    {
        var span = value.AsSpan().Trim(C0AndSpace);
        if (span.IndexOfAny('\t', '\n', '\r') < 0)
        {
            return span.Length == value.Length ? value : span.ToString();
        }

        var builder = new StringBuilder(span.Length);
        foreach (var c in span)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Compact(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return string.Concat(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));
            }
        }

        return value;
    }

    /// <summary>The URL's scheme per the URL standard (an ASCII letter, then letters, digits, + - or ., then ':'); "" when relative.</summary>
    private static string SchemeOf(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0]))
        {
            return "";
        }

        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return url[..i];
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return "";
            }
        }

        return "";
    }

    private static string CollapseSpaces(ReadOnlySpan<char> descriptors)
    {
        var builder = new StringBuilder(descriptors.Length);
        foreach (var c in descriptors.Trim(HtmlSpaces))
        {
            if (IsHtmlSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsHtmlSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private const string HtmlSpaces = " \t\n\r\f";

    private static readonly string C0AndSpace = string.Concat(Enumerable.Range(0, 0x21).Select(i => (char)i));
}
