using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AiFeed.Ingestion.Processing;

/// <summary>HTML (or text) to one line of plain text, for summaries, search terms and feeds that want text.</summary>
public static class PlainText
{
    private const string Ellipsis = "…";

    // Elements whose boundaries separate words visually: without a space "<p>a</p><p>b</p>" reads "ab".
    private static readonly FrozenSet<string> BlockElements = new[]
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "img", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Elements whose text is code, styling or metadata, not prose.
    private static readonly FrozenSet<string> SkippedElements = new[]
    {
        "script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math",
        "textarea", "select", "button",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text of <paramref name="html"/>: entities decoded, whitespace collapsed, script/style dropped.</summary>
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        // Most titles and many summaries carry no markup at all: no parser, no DOM.
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return CollapseWhitespace(html);
        }

        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        var text = new StringBuilder(html.Length);
        if (document.Body is { } body)
        {
            AppendText(body, text);
        }

        return CollapseWhitespace(text.ToString());
    }

    /// <summary>
    /// <see cref="FromHtml"/> cut at a word boundary so that the result, "…" included, has at most
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public static string Summarize(string? htmlOrText, int maxLength = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var text = FromHtml(htmlOrText);
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Leave room for the ellipsis; never split a surrogate pair.
        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // Only back up to a space when it does not throw away more than half the room.
        var space = text.LastIndexOf(' ', cut);
        if (space >= maxLength / 2)
        {
            cut = space;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(" ,;:-–—"), Ellipsis);
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    text.Append(textNode.Data);
                    break;
                case IElement element when SkippedElements.Contains(element.LocalName):
                    break;
                case IElement element:
                    var block = BlockElements.Contains(element.LocalName);
                    if (block)
                    {
                        text.Append(' ');
                    }

                    AppendText(element, text);
                    if (block)
                    {
                        text.Append(' ');
                    }

                    break;
            }
        }
    }

    private static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
