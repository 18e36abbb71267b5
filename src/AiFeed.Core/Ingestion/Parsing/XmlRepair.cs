using System.Globalization;
using System.Net;
using System.Text;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Text repair for the lenient path only: drops characters XML 1.0 forbids, turns HTML named
/// entities into numeric references and escapes bare ampersands. CDATA sections and comments are
/// copied untouched (a literal "&amp;nbsp;" inside CDATA must stay literal).
/// </summary>
internal static class XmlRepair
{
    private const int MaxEntityName = 32;

    public static string Repair(string text)
    {
        var builder = new StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && TryCopyVerbatim(text, ref i, builder, "<![CDATA[", "]]>"))
            {
                continue;
            }

            if (c == '<' && TryCopyVerbatim(text, ref i, builder, "<!--", "-->"))
            {
                continue;
            }

            // An XML declaration anywhere but first (e.g. after a comment) is fatal; drop it.
            if (c == '<' && builder.Length > 0 && string.CompareOrdinal(text, i, "<?xml ", 0, 6) == 0)
            {
                var end = text.IndexOf("?>", i, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                continue;
            }

            if (c == '&')
            {
                i = RepairAmpersand(text, i, builder);
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (IsLegal(c))
            {
                builder.Append(c);
            }

            i++;
        }

        return builder.ToString();
    }

    private static bool IsLegal(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool TryCopyVerbatim(string text, ref int i, StringBuilder builder, string open, string close)
    {
        if (string.CompareOrdinal(text, i, open, 0, open.Length) != 0)
        {
            return false;
        }

        var end = text.IndexOf(close, i + open.Length, StringComparison.Ordinal);
        end = end < 0 ? text.Length : end + close.Length;
        foreach (var ch in text.AsSpan(i, end - i))
        {
            if (IsLegal(ch) || char.IsSurrogate(ch))
            {
                builder.Append(ch);
            }
        }

        i = end;
        return true;
    }

    private static int RepairAmpersand(string text, int i, StringBuilder builder)
    {
        var semicolon = text.IndexOf(';', i + 1, Math.Min(MaxEntityName + 2, text.Length - i - 1));
        if (semicolon > i + 1)
        {
            var name = text.AsSpan(i + 1, semicolon - i - 1);
            if (name[0] == '#')
            {
                if (TryParseCharRef(name[1..], out var code))
                {
                    // Re-emitted in decimal: "&#X41;" (upper-case X) is not XML, though browsers take it.
                    if (IsLegal(code))
                    {
                        builder.Append("&#").Append(code.ToString(CultureInfo.InvariantCulture)).Append(';');
                    }

                    return semicolon + 1;
                }
            }
            else if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                builder.Append(text, i, semicolon - i + 1);
                return semicolon + 1;
            }
            else if (IsName(name))
            {
                // HtmlDecode knows the HTML5 named entities; an unknown name comes back unchanged.
                var entity = text.Substring(i, semicolon - i + 1);
                var decoded = WebUtility.HtmlDecode(entity);
                if (decoded != entity)
                {
                    for (var k = 0; k < decoded.Length; k++)
                    {
                        var code = char.ConvertToUtf32(decoded, k);
                        builder.Append("&#").Append(code.ToString(CultureInfo.InvariantCulture)).Append(';');
                        if (char.IsHighSurrogate(decoded[k]))
                        {
                            k++;
                        }
                    }

                    return semicolon + 1;
                }
            }
        }

        builder.Append("&amp;");
        return i + 1;
    }

    private static bool TryParseCharRef(ReadOnlySpan<char> digits, out int code) =>
        digits.Length > 1 && (digits[0] is 'x' or 'X')
            ? int.TryParse(digits[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)
            : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out code);

    private static bool IsName(ReadOnlySpan<char> name)
    {
        foreach (var ch in name)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(name[0]);
    }
}
