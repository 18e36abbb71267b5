using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Decides the charset from the bytes: BOM, then "is it valid UTF-8" (a declaration that says
/// otherwise is wrong more often than the bytes are), then the XML declaration, the HTTP charset
/// and finally windows-1252 (the WHATWG reading of Latin-1 and the usual truth behind a bad label).
/// </summary>
internal static partial class FeedDecoder
{
    static FeedDecoder()
    {
        // windows-125x, koi8-r, gb2312, shift_jis … are not in .NET's default set (docs/library-notes.md 1.1).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Returns the source to read and whether the declared charset had to be overruled.</summary>
    public static FeedSource Decode(ReadOnlyMemory<byte> body, string? httpCharset, out bool relabelled)
    {
        relabelled = false;
        var segment = MemoryMarshal.TryGetArray(body, out var array) ? array : new ArraySegment<byte>(body.ToArray());
        var span = segment.AsSpan();

        var wide = DetectWideEncoding(span, out var bomLength);
        if (wide is not null)
        {
            return FeedSource.FromText(wide.GetString(span[bomLength..]).TrimStart());
        }

        // Leading whitespace (and a BOM after it) makes XmlReader reject the declaration: skip both.
        var start = SkipWhitespace(span, 0);
        if (span[start..].StartsWith("\uFEFF"u8))
        {
            start = SkipWhitespace(span, start + 3);
        }

        var content = segment.Slice(start);
        var bytes = content.AsSpan();
        var declared = DeclaredEncoding(bytes);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            if (declared is null || IsUtf8Label(declared))
            {
                return FeedSource.FromUtf8(content);
            }

            // The declaration names another charset, but the bytes are UTF-8 (or plain ASCII, where the
            // label makes no difference): trust the bytes (miniflux utf8-incorrect-prolog.xml).
            relabelled = !System.Text.Ascii.IsValid(bytes);
            return FeedSource.FromText(Encoding.UTF8.GetString(bytes));
        }

        var encoding = NonUtf8(declared) ?? NonUtf8(httpCharset);
        if (encoding is null)
        {
            relabelled = true;
            encoding = Encoding.GetEncoding(1252);
        }

        return FeedSource.FromText(encoding.GetString(bytes));
    }

    private static Encoding? NonUtf8(string? label) => label is null || IsUtf8Label(label) ? null : Resolve(label);

    private static Encoding? Resolve(string label)
    {
        var name = label.Trim().Trim('"', '\'');

        // WHATWG Encoding: Latin-1 labels mean windows-1252 (0x80-0x9F are printable there, e.g. the euro sign).
        if (name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)
            is var compact && (compact.Equals("iso88591", StringComparison.OrdinalIgnoreCase)
                || compact.Equals("latin1", StringComparison.OrdinalIgnoreCase)
                || compact.Equals("usascii", StringComparison.OrdinalIgnoreCase)))
        {
            return Encoding.GetEncoding(1252);
        }

        try
        {
            var encoding = Encoding.GetEncoding(name);

            // A single-byte body cannot be UTF-16/32 whatever the label says.
            return encoding is UnicodeEncoding or UTF32Encoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsUtf8Label(string label) =>
        label.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || label.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static int SkipWhitespace(ReadOnlySpan<byte> span, int index)
    {
        while (index < span.Length && span[index] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            index++;
        }

        return index;
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith("<?xml"u8))
        {
            return null;
        }

        var end = bytes[..Math.Min(bytes.Length, 512)].IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var match = EncodingAttribute().Match(Encoding.ASCII.GetString(bytes[..end]));
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding? DetectWideEncoding(ReadOnlySpan<byte> span, out int bomLength)
    {
        bomLength = 0;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            bomLength = 4;
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            bomLength = 4;
            return new UTF32Encoding(bigEndian: true, byteOrderMark: false);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        }

        // No BOM: the position of the zero bytes around the first '<' tells (XML 1.0 appendix F).
        if (span.Length >= 4)
        {
            if (span[0] == 0 && span[1] == 0 && span[2] == 0 && span[3] != 0)
            {
                return new UTF32Encoding(bigEndian: true, byteOrderMark: false);
            }

            if (span[0] != 0 && span[1] == 0 && span[2] == 0 && span[3] == 0)
            {
                return new UTF32Encoding(bigEndian: false, byteOrderMark: false);
            }

            if (span[0] == 0 && span[1] != 0 && span[2] == 0)
            {
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
            }

            if (span[0] != 0 && span[1] == 0 && span[2] != 0 && span[3] == 0)
            {
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
            }
        }

        return null;
    }

    [GeneratedRegex("""encoding\s*=\s*["']([^"']*)["']""")]
    private static partial Regex EncodingAttribute();
}
