using System.Collections.Frozen;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// The allow-lists <see cref="ContentSanitizer"/> applies. They are HtmlSanitizer 10's defaults (which
/// the sanitiser used before it streamed) minus the removals ContentSanitizer's remarks explain, so the
/// policy did not change with the implementation. Anything not listed is dropped: the lists say what may
/// pass, never what may not.
/// </summary>
internal static class SanitizerPolicy
{
    /// <summary>
    /// Elements kept. HtmlSanitizer's default tag list minus everything in
    /// <see cref="DropWithContent"/>, the form wrappers (form, fieldset, legend, label, menuitem) and the
    /// document elements (html, head, body), which a fragment never yields as elements.
    /// </summary>
    public static readonly FrozenSet<string> AllowedTags = FrozenSet.ToFrozenSet(
    [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "b", "bdi", "big", "blockquote", "br",
        "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "dir",
        "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "i", "img", "ins", "kbd", "li", "main", "map", "mark", "menu", "meter", "nav", "ol",
        "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt",
        "u", "ul", "var", "wbr",
    ]);

    /// <summary>
    /// Removed together with their content: what they hold is code, a widget or a fallback for one, never
    /// text a reader should see. math goes too: KaTeX sends MathML next to an HTML rendering of the same
    /// formula, and the MathML's TeX annotation would show as a duplicate in plain text.
    /// </summary>
    public static readonly FrozenSet<string> DropWithContent = FrozenSet.ToFrozenSet(
    [
        "script", "style", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param",
        "noscript", "template", "title", "meta", "link", "base", "textarea", "select", "option", "optgroup",
        "button", "datalist", "input", "keygen", "output", "svg", "canvas", "audio", "video", "math",
    ]);

    /// <summary>
    /// Attributes kept on any allowed element: HtmlSanitizer's defaults minus style, class, id, name,
    /// target, the form attributes and the editing/drag ones, plus srcset and sizes for responsive images.
    /// No on* handler, no style, no data-* is on the list.
    /// </summary>
    public static readonly FrozenSet<string> AllowedAttributes = FrozenSet.ToFrozenSet(
    [
        "abbr", "accept", "align", "alt", "axis", "bgcolor", "border", "cellpadding", "cellspacing",
        "challenge", "char", "charoff", "charset", "checked", "cite", "clear", "color", "cols", "colspan",
        "compact", "coords", "datetime", "dir", "disabled", "for", "frame", "headers", "height", "high",
        "href", "hreflang", "hspace", "ismap", "keytype", "label", "lang", "list", "longdesc", "low", "max",
        "maxlength", "media", "min", "multiple", "nohref", "noshade", "nowrap", "open", "optimum", "pattern",
        "placeholder", "prompt", "pubdate", "radiogroup", "readonly", "rel", "required", "rev", "reversed",
        "rows", "rowspan", "rules", "scope", "selected", "shape", "size", "sizes", "span", "spellcheck", "src",
        "srcset", "start", "step", "summary", "tabindex", "title", "type", "usemap", "valign", "value",
        "vspace", "width", "wrap",
    ]);

    /// <summary>
    /// Attributes holding a URL (HtmlSanitizer's URI attributes): kept only when the URL, resolved against
    /// the base, is http or https. Listed in full so that allowing one of them later cannot skip the check.
    /// </summary>
    public static readonly FrozenSet<string> UrlAttributes = FrozenSet.ToFrozenSet(
    [
        "action", "background", "cite", "codebase", "data", "dynsrc", "formaction", "href", "icon",
        "longdesc", "lowsrc", "manifest", "poster", "src", "xlink:href",
    ]);

    /// <summary>
    /// Elements whose tags go but whose content stays: document and form wrappers, which may hold real
    /// paragraphs. Every other element on no list is treated the same way; these are named so that a
    /// test can check none of them slips into <see cref="AllowedTags"/>.
    /// </summary>
    public static readonly FrozenSet<string> Unwrapped = FrozenSet.ToFrozenSet(
        ["html", "head", "body", "form", "fieldset", "legend", "label", "menuitem"]);

    /// <summary>Every tag name the sanitiser acts on; the tokenizer recognises only these.</summary>
    public static readonly FrozenSet<string> KnownTags =
        AllowedTags.Concat(DropWithContent).Concat(Unwrapped).Concat(HtmlElements.StructuralNames).ToFrozenSet();

    /// <summary>The rel every link gets, replacing the feed's own.</summary>
    public const string LinkRel = "noopener noreferrer nofollow ugc";
}
