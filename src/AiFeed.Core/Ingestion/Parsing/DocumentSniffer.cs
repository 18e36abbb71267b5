using System.Buffers;
using System.Text;

namespace AiFeed.Ingestion.Parsing;

internal enum DocumentKind
{
    Xml,
    Json,
    Html,
    Other,
}

/// <summary>Tells XML, JSON and HTML apart from the first characters, never from names or headers.</summary>
internal static class DocumentSniffer
{
    private const int Window = 2048;
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" \t\r\n>/");

    public static DocumentKind Sniff(FeedSource source, ReadOnlyMemory<byte> body)
    {
        if (source.Text is not null)
        {
            return Sniff(source.Text.AsSpan(0, Math.Min(source.Text.Length, Window)));
        }

        // UTF-8 bytes: markup is ASCII, so a Latin-1 view of the first bytes is enough to sniff.
        var head = body.Span[..Math.Min(body.Length, Window)];
        Span<char> chars = stackalloc char[head.Length];
        Encoding.Latin1.GetChars(head, chars);
        return Sniff(chars);
    }

    internal static DocumentKind Sniff(ReadOnlySpan<char> text)
    {
        text = text.TrimStart().TrimStart('\uFEFF').TrimStart();
        if (text.IsEmpty)
        {
            return DocumentKind.Other;
        }

        if (text[0] is '{' or '[')
        {
            return DocumentKind.Json;
        }

        if (text.Contains("<title>Just a moment...</title>", StringComparison.OrdinalIgnoreCase))
        {
            // Cloudflare's challenge page.
            return DocumentKind.Html;
        }

        // An HTML doctype alone does not decide: some feeds carry one in front of <rss>.
        var htmlDoctype = false;
        while (text.Length > 1 && text[0] == '<')
        {
            if (text.StartsWith("<?", StringComparison.Ordinal))
            {
                text = After(text, "?>");
            }
            else if (text.StartsWith("<!--", StringComparison.Ordinal))
            {
                text = After(text, "-->");
            }
            else if (text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                var rest = text[9..].TrimStart();
                htmlDoctype |= rest.StartsWith("html", StringComparison.OrdinalIgnoreCase) && (rest.Length == 4 || !char.IsLetterOrDigit(rest[4]));
                var close = text.IndexOf('>');
                var subset = text.IndexOf('[');
                text = subset >= 0 && subset < close ? After(text, "]>") : After(text, ">");
            }
            else
            {
                var name = text[1..];
                var end = name.IndexOfAny(NameEnd);
                name = end >= 0 ? name[..end] : name;
                var colon = name.IndexOf(':');
                var local = colon >= 0 ? name[(colon + 1)..] : name;
                if (local is "rss" or "feed" or "RDF" or "channel")
                {
                    return DocumentKind.Xml;
                }

                return htmlDoctype
                    || name.Equals("html", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("head", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("body", StringComparison.OrdinalIgnoreCase)
                    ? DocumentKind.Html
                    : DocumentKind.Xml;
            }

            text = text.TrimStart();
        }

        // Ran past the window inside a prolog, or the text does not start with markup at all.
        return htmlDoctype ? DocumentKind.Html : text.IsEmpty ? DocumentKind.Xml : DocumentKind.Other;
    }

    private static ReadOnlySpan<char> After(ReadOnlySpan<char> text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? [] : text[(index + marker.Length)..];
    }
}
