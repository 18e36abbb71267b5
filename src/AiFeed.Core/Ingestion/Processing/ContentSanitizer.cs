using System.Diagnostics.CodeAnalysis;
using System.Text;
using AiFeed.Ingestion.Processing.Html;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Turns feed HTML into HTML that is safe to render inside our pages. Stateless and thread-safe: one
/// instance is shared. It streams: the input goes through a spec-following tokenizer once and allowed
/// tags are re-serialised as they come, with no DOM (see <see cref="SanitizingPass"/>); still, it runs
/// once at ingest, not per page view.
/// </summary>
/// <remarks>
/// The policy, in <see cref="SanitizerPolicy"/>, is HtmlSanitizer's default allow-lists (which this class
/// used until it streamed) with these decisions on top:
/// <list type="bullet">
/// <item>Only http and https URLs survive, <c>data:</c> included even for images: feed images are
/// http(s) in practice, inline data URIs eat into the size cap, and a <c>data:image/svg+xml</c> opened
/// in its own tab runs script. srcset candidates are screened one by one.</item>
/// <item>Every link (a, area) gets <c>rel="noopener noreferrer nofollow ugc"</c>; no <c>target</c> is set
/// and a feed's own <c>target</c> is dropped, so opening in a new tab stays the reader's choice.</item>
/// <item>Images get <c>loading="lazy"</c>; an image left without src and srcset is removed.</item>
/// <item><c>id</c>, <c>name</c>, <c>class</c>, <c>style</c> and <c>contenteditable</c> go: feed markup
/// must not clobber our DOM ids or pick up our CSS.</item>
/// <item>Unknown or removed wrapper elements keep their text (a <c>&lt;blink&gt;</c> or
/// <c>&lt;form&gt;</c> around a paragraph loses only the tag); elements whose content is code or a
/// widget (script, style, iframe, object, form controls, svg, …) go with their content.</item>
/// <item>Output is at most <see cref="MaxOutputBytes"/> UTF-8 bytes, cut by <see cref="HtmlTruncator"/>
/// so it stays balanced.</item>
/// </list>
/// </remarks>
public sealed class ContentSanitizer
{
    /// <summary>Largest output, in UTF-8 bytes.</summary>
    public const int MaxOutputBytes = 256 * 1024;

    /// <summary>The instance to use outside dependency injection.</summary>
    public static ContentSanitizer Shared { get; } = new();

    /// <summary>
    /// Safe HTML for <paramref name="html"/>, relative URLs resolved against <paramref name="baseUrl"/>
    /// when it is an absolute http(s) URL; "" for null or blank input.
    /// </summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Public instance API, injected as a service; the policy may become per-instance.")]
    public string Sanitize(string? html, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var resolveAgainst = baseUrl is { IsAbsoluteUri: true } && (baseUrl.Scheme == Uri.UriSchemeHttp || baseUrl.Scheme == Uri.UriSchemeHttps)
            ? baseUrl
            : null;
        var output = SanitizingPass.Run(html, resolveAgainst);

        // A UTF-16 char is at most 3 UTF-8 bytes, so short output skips the exact count.
        return output.Length > MaxOutputBytes / 3 && Encoding.UTF8.GetByteCount(output) > MaxOutputBytes
            ? HtmlTruncator.Truncate(output, MaxOutputBytes, SanitizedMarkupFormatter.Instance)
            : output;
    }
}
