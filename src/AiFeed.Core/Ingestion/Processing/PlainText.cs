using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using AiFeed.Ingestion.Processing.Html;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// HTML (or text) to one line of plain text, for summaries, search terms and feeds that want text. Reads
/// the same token stream as <see cref="ContentSanitizer"/> (<see cref="HtmlTokenReader"/>), no DOM.
/// </summary>
public static class PlainText
{
    private const string Ellipsis = "…";

    // Largest text buffer a thread keeps between posts.
    private const int MaxKeptCapacity = 64 * 1024;

    // The thread's buffer for a document's text, taken while in use (FromHtml does not nest).
    [ThreadStatic]
    private static StringBuilder? extracted;

    // Elements whose boundaries separate words visually: without a space "<p>a</p><p>b</p>" reads "ab".
    private static readonly FrozenSet<string> BlockElements = new[]
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "img", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Elements whose text is code, styling or metadata, not prose. head is not among them: its own
    // content is title, script, style and void elements, and text after <head> belongs to the body.
    private static readonly FrozenSet<string> SkippedElements = new[]
    {
        "script", "style", "noscript", "template", "title", "iframe", "object", "svg", "math",
        "textarea", "select", "button",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> KnownTags =
        BlockElements.Concat(SkippedElements).Concat(HtmlElements.StructuralNames).ToFrozenSet();

    /// <summary>The text of <paramref name="html"/>: entities decoded, whitespace collapsed, script/style dropped.</summary>
    public static string FromHtml(string? html) => TextOf(html, int.MaxValue);

    // At most max + 1 characters of the text: what Summarize reads of a post's whole content.
    private static string TextOf(string? html, int max)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        // Most titles and many summaries carry no markup at all: no parser, no DOM.
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return CollapseWhitespace(html, max);
        }

        var text = extracted ?? new StringBuilder(html.Length);
        extracted = null;
        try
        {
            ExtractText(html, text.Clear());
            return CollapseWhitespace(text, max);
        }
        finally
        {
            // Kept for the thread's next post unless an outsized document grew it.
            if (text.Capacity <= MaxKeptCapacity)
            {
                extracted = text;
            }
        }
    }

    /// <summary>
    /// <see cref="FromHtml"/> cut at a word boundary so that the result, "…" included, has at most
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public static string Summarize(string? htmlOrText, int maxLength = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        // The text past maxLength is never read: only whether there is any.
        var text = TextOf(htmlOrText, maxLength);
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

    private static void ExtractText(string html, StringBuilder text)
    {
        var reader = new HtmlTokenReader(html, KnownTags, attributeNames: null);

        var skipped = default(SkippedContent);
        while (true)
        {
            switch (reader.Read())
            {
                case HtmlTokenKind.EndOfFile:
                    return;
                case HtmlTokenKind.Text when !skipped.Active:
                    if (reader.TextHasReferences)
                    {
                        CharacterReferences.AppendDecoded(text, reader.Text, inAttribute: false);
                    }
                    else
                    {
                        text.Append(reader.Text);
                    }

                    break;
                case HtmlTokenKind.StartTag when reader.TagName is { } name:
                    // The parser reads <image> as <img>.
                    if (!skipped.StartTag(reader, name, SkippedElements) && (BlockElements.Contains(name) || name == "image"))
                    {
                        text.Append(' ');
                    }

                    break;
                case HtmlTokenKind.EndTag when reader.TagName is { } name:
                    if (!skipped.EndTag(reader, name) && BlockElements.Contains(name))
                    {
                        text.Append(' ');
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static string CollapseWhitespace(string value, int max)
    {
        var buffer = ArrayPool<char>.Shared.Rent(value.Length);
        var length = 0;
        var pendingSpace = false;
        Collapse(value, buffer, ref length, ref pendingSpace, max);
        return Finish(buffer, length);
    }

    private static string CollapseWhitespace(StringBuilder text, int max)
    {
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        var length = 0;
        var pendingSpace = false;
        foreach (var chunk in text.GetChunks())
        {
            if (!Collapse(chunk.Span, buffer, ref length, ref pendingSpace, max))
            {
                break;
            }
        }

        return Finish(buffer, length);
    }

    // Runs of whitespace and control characters become one space; none is kept at either end.
    // Stops, returning false, at the character past max: at most max + 1 are written.
    private static bool Collapse(ReadOnlySpan<char> value, char[] buffer, ref int length, ref bool pendingSpace, int max)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
                if (length > max)
                {
                    return false;
                }
            }

            buffer[length++] = c;
            if (length > max)
            {
                return false;
            }
        }

        return true;
    }

    private static string Finish(char[] buffer, int length)
    {
        var result = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }
}
