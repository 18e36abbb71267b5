using System.Text;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// One run of the streaming sanitiser over one input: reads <see cref="HtmlTokenReader"/> (no tree, no
/// DOM), switches it to raw text after raw-text start tags as a tree builder would, and writes allowed
/// tags and escaped text from scratch. Nothing from the input is copied through unparsed: tag and
/// attribute names come from the allow-lists, text and values are decoded and re-escaped. Not
/// thread-safe: each thread reuses its own instance, so buffers are not reallocated per call.
/// </summary>
internal sealed class SanitizingPass
{
    // Buffers grown past this are not kept for the next call, so one huge article does not pin memory.
    private const int MaxRetainedChars = 64 * 1024;

    [ThreadStatic]
    private static SanitizingPass? cached;

    private readonly StringBuilder output = new(4096);
    private readonly StringBuilder tag = new(128);
    private readonly OpenElements elements = new();
    private Uri? baseUrl;
    private SkippedContent skipped;

    /// <summary>Safe HTML for <paramref name="html"/>; relative URLs resolved against <paramref name="baseUrl"/> when given.</summary>
    public static string Run(string html, Uri? baseUrl)
    {
        var pass = cached ?? new SanitizingPass();
        cached = null;
        pass.baseUrl = baseUrl;
        pass.skipped = default;
        pass.output.Clear();
        pass.Consume(html);
        var result = pass.output.ToString();
        pass.baseUrl = null;
        if (pass.output.Capacity <= MaxRetainedChars)
        {
            cached = pass;
        }

        return result;
    }

    private void Consume(string html)
    {
        var reader = new HtmlTokenReader(html, SanitizerPolicy.KnownTags, SanitizerPolicy.AllowedAttributes);
        while (true)
        {
            switch (reader.Read())
            {
                case HtmlTokenKind.EndOfFile:
                    elements.CloseAll(output);
                    return;
                case HtmlTokenKind.Text when !skipped.Active:
                    elements.BeforeText(reader.Text, output);
                    HtmlEscape.AppendText(output, reader.Text, reader.TextHasReferences);
                    break;
                case HtmlTokenKind.StartTag when reader.TagName is { } name:
                    StartTag(reader, name);
                    break;
                case HtmlTokenKind.EndTag when reader.TagName is { } name:
                    EndTag(reader, name);
                    break;
                default:
                    // Unknown tags (their content stays) and text inside a skipped element.
                    break;
            }
        }
    }

    private void StartTag(HtmlTokenReader reader, string name)
    {
        // The parser renames <image> to <img>.
        if (name == "image")
        {
            name = "img";
        }

        if (skipped.StartTag(reader, name, SanitizerPolicy.DropWithContent))
        {
            return;
        }

        if (!SanitizerPolicy.AllowedTags.TryGetValue(name, out var allowed))
        {
            // Unknown or unwrapped element: the tag goes, its content stays. A block wrapper still ends an
            // open paragraph, as it did in the document the feed meant.
            if (HtmlElements.ClosesParagraph.Contains(name))
            {
                elements.CloseParagraph(output);
            }

            return;
        }

        var isVoid = HtmlElements.Void.Contains(allowed);
        if ((!isVoid && !elements.CanOpen) || !WriteTag(allowed, reader.Attributes) || !elements.PrepareStart(allowed, output))
        {
            return;
        }

        output.Append(tag);
        if (!isVoid)
        {
            elements.Push(allowed);
        }
    }

    private void EndTag(HtmlTokenReader reader, string name)
    {
        if (skipped.EndTag(reader, name))
        {
            return;
        }

        if (name == "br")
        {
            // The parser reads </br> as <br>.
            if (elements.PrepareStart("br", output))
            {
                output.Append("<br>");
            }

            return;
        }

        if (SanitizerPolicy.AllowedTags.TryGetValue(name, out var allowed))
        {
            elements.End(allowed, output);
        }
    }

    /// <summary>Writes the start tag into <see cref="tag"/>; false when the element must go (an image left with no source).</summary>
    private bool WriteTag(string name, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        tag.Clear().Append('<').Append(name);
        var isLink = name is "a" or "area";
        var isImage = name == "img";
        var hasRel = false;
        var hasSource = false;
        foreach (var (attributeName, attributeValue) in attributes)
        {
            // The reader returns allowed attributes only.
            string? value = attributeValue;
            if (attributeName == "rel" && isLink)
            {
                // Replaced in place, where the feed put its own.
                value = SanitizerPolicy.LinkRel;
                hasRel = true;
            }
            else if (attributeName == "srcset")
            {
                value = SafeUrl.ScreenSrcset(value, baseUrl);
            }
            else if (SanitizerPolicy.UrlAttributes.Contains(attributeName))
            {
                value = SafeUrl.Screen(value, baseUrl);
            }

            if (value is null)
            {
                continue;
            }

            hasSource |= attributeName is "src" or "srcset";
            tag.Append(' ').Append(attributeName).Append("=\"");
            HtmlEscape.AppendAttributeValue(tag, value);
            tag.Append('"');
        }

        if (isLink && !hasRel)
        {
            tag.Append(" rel=\"").Append(SanitizerPolicy.LinkRel).Append('"');
        }

        if (isImage)
        {
            // An image whose only source was a data: or script URL would be an empty box.
            if (!hasSource)
            {
                return false;
            }

            tag.Append(" loading=\"lazy\"");
        }

        tag.Append('>');
        return true;
    }
}
