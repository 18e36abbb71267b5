using System.Buffers;
using System.Text;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// Escaping for re-serialised HTML, in the shape AngleSharp (and so HtmlSanitizer) wrote it: text escapes
/// &amp; &lt; &gt; and no-break space; attribute values, always double-quoted, escape the same plus the
/// double quote. Escaping &lt; and &gt; inside attributes is not needed by HTML but keeps output safe for
/// consumers that find tags by pattern (LinkOnlyImages). NUL characters are dropped, as the tree builder
/// drops them from text.
/// </summary>
internal static class HtmlEscape
{
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\u00A0\0");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<>\"\u00A0\0");

    /// <summary>Appends text as read from the input, its character references decoded first when <paramref name="decode"/>.</summary>
    public static void AppendText(StringBuilder output, ReadOnlySpan<char> text, bool decode)
    {
        if (!decode)
        {
            Append(output, text, TextSpecials);
            return;
        }

        while (true)
        {
            var reference = text.IndexOf('&');
            if (reference < 0)
            {
                Append(output, text, TextSpecials);
                return;
            }

            Append(output, text[..reference], TextSpecials);
            var consumed = CharacterReferences.DecodeOne(text[reference..], inAttribute: false, out var decoded);
            Append(output, decoded, TextSpecials);
            text = text[(reference + consumed)..];
        }
    }

    public static void AppendAttributeValue(StringBuilder output, ReadOnlySpan<char> value) => Append(output, value, AttributeSpecials);

    private static void Append(StringBuilder output, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (true)
        {
            var next = text.IndexOfAny(specials);
            if (next < 0)
            {
                output.Append(text);
                return;
            }

            output.Append(text[..next]);
            output.Append(text[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\u00A0' => "&nbsp;",
                _ => "",
            });
            text = text[(next + 1)..];
        }
    }
}
