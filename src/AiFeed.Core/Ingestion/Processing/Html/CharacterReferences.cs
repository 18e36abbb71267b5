using System.Text;
using AngleSharp.Html;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// Decodes HTML character references (&amp;amp; &amp;#39; &amp;#x2014; &amp;eacute;, legacy ones without the
/// semicolon) the way the HTML tokenizer does, with AngleSharp's table of the 2,231 named references.
/// </summary>
internal static class CharacterReferences
{
    // The longest named reference ("CounterClockwiseContourIntegral;") is 33 characters.
    private const int MaxNameLength = 32;

    // The longest reference valid without its semicolon ("middot", "frac34", …) has 6 characters.
    private const int MaxLegacyNameLength = 6;

    /// <summary>Appends <paramref name="text"/> with its references decoded; NUL becomes U+FFFD in attributes and is dropped from text, as the parser does.</summary>
    public static void AppendDecoded(StringBuilder output, ReadOnlySpan<char> text, bool inAttribute)
    {
        while (true)
        {
            var next = text.IndexOfAny('&', '\0');
            if (next < 0)
            {
                output.Append(text);
                return;
            }

            output.Append(text[..next]);
            if (text[next] == '\0')
            {
                if (inAttribute)
                {
                    output.Append('\uFFFD');
                }

                text = text[(next + 1)..];
                continue;
            }

            var consumed = DecodeOne(text[next..], inAttribute, out var decoded);
            output.Append(decoded);
            text = text[(next + consumed)..];
        }
    }

    /// <summary>A decoded attribute value; the slice itself (as a string) when it holds no reference.</summary>
    public static string DecodeAttribute(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny('&', '\0') < 0)
        {
            return value.ToString();
        }

        var builder = new StringBuilder(value.Length);
        AppendDecoded(builder, value, inAttribute: true);
        return builder.ToString();
    }

    /// <summary>
    /// Decodes the reference at the start of <paramref name="text"/> (which starts with '&amp;'); returns
    /// the characters consumed. Not a reference: "&amp;" and 1.
    /// </summary>
    public static int DecodeOne(ReadOnlySpan<char> text, bool inAttribute, out string decoded)
    {
        if (text.Length > 1 && text[1] == '#')
        {
            return DecodeNumeric(text, out decoded);
        }

        var length = 1;
        while (length < text.Length && length <= MaxNameLength && char.IsAsciiLetterOrDigit(text[length]))
        {
            length++;
        }

        var name = text[1..length];
        decoded = "&";
        if (name.Length == 0)
        {
            return 1;
        }

        if (length < text.Length && text[length] == ';' && Lookup(text[1..(length + 1)]) is { } full)
        {
            decoded = full;
            return length + 1;
        }

        // Legacy references without the semicolon ("&amp", "&copy2024"): the longest one that matches.
        for (var prefix = Math.Min(name.Length, MaxLegacyNameLength); prefix >= 2; prefix--)
        {
            if (Lookup(name[..prefix]) is not { } legacy)
            {
                continue;
            }

            // In attributes "&copy=1" stays literal, so query strings survive.
            var after = prefix + 1 < text.Length ? text[prefix + 1] : ' ';
            if (inAttribute && (after == '=' || char.IsAsciiLetterOrDigit(after)))
            {
                break;
            }

            decoded = legacy;
            return prefix + 1;
        }

        return 1;
    }

    private static int DecodeNumeric(ReadOnlySpan<char> text, out string decoded)
    {
        var hex = text.Length > 2 && text[2] is 'x' or 'X';
        var start = hex ? 3 : 2;
        var end = start;
        long value = 0;
        while (end < text.Length && (hex ? char.IsAsciiHexDigit(text[end]) : char.IsAsciiDigit(text[end])))
        {
            // Saturate: anything beyond U+10FFFF becomes U+FFFD anyway.
            var c = text[end];
            var digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            value = Math.Min((value * (hex ? 16 : 10)) + digit, 0x110000);
            end++;
        }

        if (end == start)
        {
            decoded = "&";
            return 1;
        }

        var code = (int)value;
        if (HtmlEntityProvider.IsInCharacterTable(code))
        {
            // &#150; means what windows-1252 meant by it.
            decoded = HtmlEntityProvider.GetSymbolFromTable(code) ?? "\uFFFD";
        }
        else if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            decoded = "\uFFFD";
        }
        else
        {
            decoded = char.ConvertFromUtf32(code);
        }

        return end < text.Length && text[end] == ';' ? end + 1 : end;
    }

    private static string? Lookup(ReadOnlySpan<char> name)
    {
        // The common ones without a table lookup or a string for the name.
        switch (name)
        {
            case "amp;" or "amp":
                return "&";
            case "lt;" or "lt":
                return "<";
            case "gt;" or "gt":
                return ">";
            case "quot;" or "quot":
                return "\"";
            case "nbsp;" or "nbsp":
                return "\u00A0";
            case "apos;":
                return "'";
        }

        var symbol = HtmlEntityProvider.Resolver.GetSymbol(name.ToString());
        return string.IsNullOrEmpty(symbol) ? null : symbol;
    }
}
