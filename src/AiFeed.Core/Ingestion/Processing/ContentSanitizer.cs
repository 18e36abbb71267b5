using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Turns feed HTML into HTML that is safe to render inside our pages. One instance is configured
/// once and shared: HtmlSanitizer's Sanitize is thread-safe on a configured instance, and every
/// handler below is stateless. Sanitising is costly (library notes §5.3), so it runs once at ingest.
/// </summary>
/// <remarks>
/// Decisions beyond the defaults of HtmlSanitizer:
/// <list type="bullet">
/// <item>Only http and https URLs survive, <c>data:</c> included even for images: feed images are
/// http(s) in practice, inline data URIs eat into the size cap, and a <c>data:image/svg+xml</c> opened
/// in its own tab runs script.</item>
/// <item>Every link gets <c>rel="noopener noreferrer nofollow ugc"</c>; no <c>target</c> is set and a
/// feed's own <c>target</c> is dropped, so opening in a new tab stays the reader's choice.</item>
/// <item><c>id</c>, <c>name</c>, <c>class</c>, <c>style</c> and <c>contenteditable</c> go: feed markup
/// must not clobber our DOM ids or pick up our CSS.</item>
/// <item>Unknown or removed wrapper elements keep their text (a <c>&lt;blink&gt;</c> or
/// <c>&lt;form&gt;</c> around a paragraph loses only the tag); elements whose content is code or a
/// widget (script, style, iframe, object, form controls, svg, …) go with their content.</item>
/// </list>
/// </remarks>
public sealed class ContentSanitizer
{
    /// <summary>Largest output, in UTF-8 bytes.</summary>
    public const int MaxOutputBytes = 256 * 1024;

    private const string LinkRel = "noopener noreferrer nofollow ugc";

    // Removed together with their content: what they hold is code, a widget or a fallback for one,
    // never text a reader should see. math goes too: KaTeX sends MathML next to an HTML rendering of
    // the same formula, and the MathML's TeX annotation would show as a duplicate in plain text.
    private static readonly FrozenSet<string> DropWithContent = new[]
    {
        "script", "style", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet",
        "param", "noscript", "template", "title", "head", "meta", "link", "base", "textarea", "select",
        "option", "optgroup", "button", "datalist", "input", "keygen", "output", "svg", "canvas",
        "audio", "video", "math",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Removed but their children are kept: form wrappers may hold real paragraphs.
    private static readonly string[] FormTags = ["form", "fieldset", "legend", "label", "menuitem"];

    private static readonly string[] RemovedAttributes =
    [
        "style", "class", "id", "name", "target", "action", "method", "enctype", "accept-charset",
        "novalidate", "autocomplete", "autosave", "contenteditable", "accesskey", "draggable", "dropzone",
        "formaction",
    ];

    private readonly HtmlSanitizer sanitizer;

    public ContentSanitizer()
    {
        sanitizer = new HtmlSanitizer { KeepChildNodes = true };
        foreach (var tag in DropWithContent)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        foreach (var tag in FormTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        foreach (var attribute in RemovedAttributes)
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }

        // Responsive images: HtmlSanitizer screens every srcset candidate on its own.
        sanitizer.AllowedAttributes.Add("srcset");
        sanitizer.AllowedAttributes.Add("sizes");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add(Uri.UriSchemeHttp);
        sanitizer.AllowedSchemes.Add(Uri.UriSchemeHttps);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.RemovingTag += OnRemovingTag;
        sanitizer.PostProcessNode += OnPostProcessNode;
        sanitizer.PostProcessDom += OnPostProcessDom;
    }

    /// <summary>The instance to use outside dependency injection.</summary>
    public static ContentSanitizer Shared { get; } = new();

    /// <summary>
    /// Safe HTML for <paramref name="html"/>, relative URLs resolved against <paramref name="baseUrl"/>
    /// when it is an absolute http(s) URL; "" for null or blank input.
    /// </summary>
    public string Sanitize(string? html, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var resolveAgainst = baseUrl is { IsAbsoluteUri: true } && (baseUrl.Scheme == Uri.UriSchemeHttp || baseUrl.Scheme == Uri.UriSchemeHttps)
            ? baseUrl.AbsoluteUri
            : "";
        var output = sanitizer.Sanitize(html, resolveAgainst);

        // A UTF-16 char is at most 3 UTF-8 bytes, so short output skips the exact count.
        return output.Length > MaxOutputBytes / 3 && Encoding.UTF8.GetByteCount(output) > MaxOutputBytes
            ? HtmlTruncator.Truncate(output, MaxOutputBytes, sanitizer.OutputFormatter)
            : output;
    }

    private static void OnRemovingTag(object? sender, RemovingTagEventArgs e)
    {
        // KeepChildNodes would otherwise lift a script's source into the text.
        if (DropWithContent.Contains(e.Tag.LocalName))
        {
            while (e.Tag.FirstChild is { } child)
            {
                e.Tag.RemoveChild(child);
            }
        }
    }

    // An image whose only source was a data: or script URL is an empty box once that URL is gone.
    private static void OnPostProcessDom(object? sender, PostProcessDomEventArgs e)
    {
        foreach (var image in e.Document.QuerySelectorAll("img:not([src]):not([srcset])"))
        {
            image.Remove();
        }
    }

    private static void OnPostProcessNode(object? sender, PostProcessNodeEventArgs e)
    {
        if (e.Node is not IElement element)
        {
            return;
        }

        switch (element.LocalName)
        {
            case "a" or "area":
                element.SetAttribute("rel", LinkRel);
                break;
            case "img":
                element.SetAttribute("loading", "lazy");
                break;
        }
    }
}
