using System.Collections.Frozen;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// What the HTML parsing rules say about element names, as far as a token-stream consumer needs it:
/// which elements have no end tag, which switch the tokenizer into a raw-text state, and which ones a
/// tree builder treats as block boundaries. Names are lower case, as the tokenizer emits them.
/// </summary>
internal static class HtmlElements
{
    /// <summary>Elements that never have content or an end tag (HTML "void elements" plus obsolete ones parsed the same way).</summary>
    public static readonly FrozenSet<string> Void = FrozenSet.ToFrozenSet(
    [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]);

    /// <summary>
    /// The tokenizer state a tree builder switches to after these start tags: their content is text up to
    /// the matching end tag, whatever it looks like. noscript counts as raw text because the pages that
    /// render our output run with scripting enabled.
    /// </summary>
    private static readonly FrozenDictionary<string, TextMode> TextModes = new Dictionary<string, TextMode>
    {
        ["script"] = TextMode.RawText,
        ["style"] = TextMode.RawText,
        ["xmp"] = TextMode.RawText,
        ["iframe"] = TextMode.RawText,
        ["noembed"] = TextMode.RawText,
        ["noframes"] = TextMode.RawText,
        ["noscript"] = TextMode.RawText,
        ["textarea"] = TextMode.RCData,
        ["title"] = TextMode.RCData,
        ["plaintext"] = TextMode.Plaintext,
    }.ToFrozenDictionary();

    /// <summary>
    /// Start tags that close an open &lt;p&gt; (HTML "in body" rules), so "&lt;p&gt;a&lt;div&gt;b" is
    /// a paragraph followed by a div, not a div inside a paragraph.
    /// </summary>
    public static readonly FrozenSet<string> ClosesParagraph = FrozenSet.ToFrozenSet(
    [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
        "dd", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre",
        "search", "section", "summary", "table", "ul", "xmp",
    ]);

    /// <summary>
    /// HTML's "special" elements: an implied-end search (for an open li, dd or dt) stops at one of these,
    /// address, div and p excepted, so a list item inside a nested list does not close the outer one.
    /// </summary>
    public static readonly FrozenSet<string> Special = FrozenSet.ToFrozenSet(
    [
        "address", "applet", "area", "article", "aside", "blockquote", "body", "br", "button", "caption",
        "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "img", "li", "main", "menu", "nav", "object", "ol", "p", "pre", "section", "select", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "wbr",
    ]);

    /// <summary>Headings: a heading start tag while a heading is the current element closes it first.</summary>
    public static readonly FrozenSet<string> Headings = FrozenSet.ToFrozenSet(["h1", "h2", "h3", "h4", "h5", "h6"]);

    /// <summary>Switches <paramref name="reader"/> into the raw-text state for <paramref name="name"/>'s content, if it has one, as a tree builder would.</summary>
    public static void EnterTextMode(HtmlTokenReader reader, string name)
    {
        if (TextModes.TryGetValue(name, out var mode))
        {
            reader.SwitchToRawText(name, decodes: mode == TextMode.RCData, toEnd: mode == TextMode.Plaintext);
        }
    }

    /// <summary>Names every consumer needs recognised, besides its own lists.</summary>
    public static IEnumerable<string> StructuralNames =>
        Void.Concat(TextModes.Keys).Concat(ClosesParagraph).Concat(Special).Concat(["image"]);
}

/// <summary>How an element's content is tokenized (script data is read as RAWTEXT; see <see cref="HtmlTokenReader"/>).</summary>
internal enum TextMode
{
    RawText,
    RCData,
    Plaintext,
}
