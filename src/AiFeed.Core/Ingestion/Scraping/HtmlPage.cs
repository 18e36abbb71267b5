using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Io;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// Downloaded bytes → an AngleSharp document, with no loader: nothing the page references is ever
/// fetched (docs/library-notes.md 5.1). The address makes relative links and <c>&lt;base href&gt;</c> resolve.
/// </summary>
internal static class HtmlPage
{
    static HtmlPage()
    {
        // windows-125x and friends, for pages that declare them (AngleSharp asks System.Text.Encoding).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Parses the whole page; the caller disposes it.</summary>
    public static Task<ParsedPage> ParseAsync(ReadOnlyMemory<byte> body, Uri address, string? contentType, CancellationToken cancellationToken) =>
        OpenAsync(body, address, contentType, cancellationToken);

    /// <summary>Parses only what comes before <c>&lt;/head&gt;</c>: enough for feed links, a fraction of the work.</summary>
    public static Task<ParsedPage> ParseHeadAsync(ReadOnlyMemory<byte> body, Uri address, string? contentType, CancellationToken cancellationToken)
    {
        var end = HeadEnd(body.Span);
        return OpenAsync(end < 0 ? body : body[..end], address, contentType, cancellationToken);
    }

    /// <summary>
    /// The base links resolve against: the address, or the page's <c>&lt;base href&gt;</c>. Read once per
    /// page: AngleSharp looks for the base element on every <see cref="INode.BaseUri"/> call.
    /// </summary>
    public static Uri? BaseOf(IDocument document) => Uri.TryCreate(document.BaseUri, UriKind.Absolute, out var b) ? b : null;

    /// <summary>An absolute http(s) URL for an attribute value; null when none.</summary>
    public static string? Resolve(Uri? baseUri, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var ok = baseUri is null ? Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) : Uri.TryCreate(baseUri, trimmed, out uri);
        return ok && uri!.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
    }

    private static async Task<ParsedPage> OpenAsync(ReadOnlyMemory<byte> body, Uri address, string? contentType, CancellationToken cancellationToken)
    {
        // The context owns the document (disposing it empties the DOM), so both live as long as the page.
        var context = BrowsingContext.New(Configuration.Default);
        var stream = new MemoryStream(body.ToArray(), writable: false);
        var document = await context.OpenAsync(
            response =>
            {
                response.Content(stream, shouldDispose: true).Address(address);
                if (contentType is not null)
                {
                    // The header's charset wins over guessing, as in a browser.
                    response.Header(HeaderNames.ContentType, contentType);
                }
            },
            cancellationToken);
        return new ParsedPage(context, document);
    }

    private static int HeadEnd(ReadOnlySpan<byte> body)
    {
        var limit = Math.Min(body.Length, 512 * 1024);
        for (var i = 0; i + 7 <= limit; i++)
        {
            if (body[i] == (byte)'<' && body[i + 1] == (byte)'/' && Ascii.EqualsIgnoreCase(body.Slice(i + 2, 4), "head"u8))
            {
                return i + 7 <= body.Length ? i + 7 : body.Length;
            }
        }

        // No </head> in the first 512 KB: the feed links, if any, are in that prefix.
        return body.Length > limit ? limit : -1;
    }
}

/// <summary>A parsed document and the browsing context that owns it; disposing releases both.</summary>
internal sealed class ParsedPage(IBrowsingContext context, IDocument document) : IDisposable
{
    public IDocument Document => document;

    public void Dispose()
    {
        document.Dispose();
        context.Dispose();
    }
}
