using System.Collections.Frozen;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// Reading past an element that is dropped with its content (script, svg, select, …): which one is
/// open and how deeply it nests (svg in svg), with the tokenizer states a tree builder would switch
/// to. The sanitiser and PlainText both consume the token stream this way.
/// </summary>
internal struct SkippedContent
{
    private string? name;
    private int depth;

    /// <summary>
    /// Call for every start tag first. True when the tag is consumed here: it is inside skipped
    /// content, or it is one of <paramref name="dropWithContent"/> (void ones and a self-closed svg or
    /// math are complete at once; the others open a skipped span).
    /// </summary>
    public bool StartTag(HtmlTokenReader reader, string tag, FrozenSet<string> dropWithContent)
    {
        // Inside svg and math, script and style are ordinary elements; everywhere else their content
        // is raw text that must not be read as markup.
        if (name is not ("svg" or "math"))
        {
            HtmlElements.EnterTextMode(reader, tag);
        }

        if (name is not null)
        {
            if (tag == name && !reader.IsSelfClosing)
            {
                depth++;
            }

            return true;
        }

        if (!dropWithContent.Contains(tag))
        {
            return false;
        }

        var empty = HtmlElements.Void.Contains(tag) || (reader.IsSelfClosing && tag is "svg" or "math");
        if (!empty)
        {
            name = tag;
            depth = 1;
            reader.AcceptsCData = tag is "svg" or "math";
        }

        return true;
    }

    /// <summary>True when the end tag is consumed here (content is being skipped).</summary>
    public bool EndTag(HtmlTokenReader reader, string tag)
    {
        if (name is null)
        {
            return false;
        }

        if (tag == name && --depth == 0)
        {
            name = null;
            reader.AcceptsCData = false;
        }

        return true;
    }

    /// <summary>Text arrives outside skipped content.</summary>
    public readonly bool Active => name is not null;
}
