using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Cuts HTML to a byte budget on node boundaries: whole nodes are kept while they fit, the first one
/// that does not is entered (its tags kept, so the result stays well formed) or, for text, cut at a
/// word; everything after it goes.
/// </summary>
internal static class HtmlTruncator
{
    public static string Truncate(string html, int maxBytes, IMarkupFormatter formatter)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        var body = document.Body;
        if (body is null)
        {
            return "";
        }

        TrimChildren(body, maxBytes, formatter);
        return body.ChildNodes.ToHtml(formatter);
    }

    /// <summary>Trims the children of <paramref name="parent"/> to <paramref name="budget"/> bytes; returns the bytes kept.</summary>
    private static int TrimChildren(INode parent, int budget, IMarkupFormatter formatter)
    {
        var used = 0;
        var children = parent.ChildNodes.ToArray();
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            var size = ByteCount(child.ToHtml(formatter));
            if (used + size <= budget)
            {
                used += size;
                continue;
            }

            var remaining = budget - used;
            switch (child)
            {
                case IElement element when element.HasChildNodes:
                    var shell = size - ByteCount(element.ChildNodes.ToHtml(formatter));
                    if (shell < remaining)
                    {
                        used += shell + TrimChildren(element, remaining - shell, formatter);
                    }
                    else
                    {
                        parent.RemoveChild(child);
                    }

                    break;
                case IText text:
                    text.Data = CutText(text.Data, remaining);
                    used += ByteCount(text.ToHtml(formatter));
                    break;
                default:
                    parent.RemoveChild(child);
                    break;
            }

            for (var j = i + 1; j < children.Length; j++)
            {
                parent.RemoveChild(children[j]);
            }

            break;
        }

        return used;
    }

    // Counts each character at its worst serialised size (an entity for & < > and no-break space),
    // so the cut text always fits, then backs up to a word boundary.
    private static string CutText(string text, int budget)
    {
        var used = 0;
        var end = 0;
        while (end < text.Length)
        {
            var length = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            var cost = text[end] is '&' or '<' or '>' or '\u00A0' ? 6 : Encoding.UTF8.GetByteCount(text.AsSpan(end, length));
            if (used + cost > budget)
            {
                break;
            }

            used += cost;
            end += length;
        }

        if (end == text.Length)
        {
            return text;
        }

        var space = text.AsSpan(0, end).LastIndexOfAny(' ', '\n', '\t');
        return text[..(space > 0 ? space : end)];
    }

    private static int ByteCount(string value) => Encoding.UTF8.GetByteCount(value);
}
