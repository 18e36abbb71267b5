using System.Xml;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Turns downloaded bytes into a <see cref="ParsedFeed"/>: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed,
/// sniffed from the content, each read by one reader (XML: <see cref="XmlFeedReader"/>; JSON:
/// <see cref="JsonFeedReader"/>; decision 0085). Well-formed input takes one strict pass; only a
/// document that fails it is repaired and read item by item. Stateless and thread-safe.
/// </summary>
public sealed class FeedParser
{
    private static readonly XmlReaderSettings StrictSettings = FeedXmlSettings.Create();
    private static readonly XmlReaderSettings LenientSettings = FeedXmlSettings.Create(checkCharacters: false);

    /// <summary>Parses a feed.</summary>
    /// <param name="body">The raw bytes as downloaded.</param>
    /// <param name="feedUrl">The URL fetched; the last base for relative links.</param>
    /// <param name="httpCharset">The charset from the Content-Type header, or null.</param>
    /// <exception cref="FeedParseException">The bytes are no feed at all.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API: injected as a singleton so callers can be tested with it.")]
    public ParsedFeed Parse(ReadOnlyMemory<byte> body, Uri feedUrl, string? httpCharset = null)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        if (body.Span.Trim(" \t\r\n\0"u8).IsEmpty)
        {
            throw new FeedParseException("the response body is empty");
        }

        var source = FeedDecoder.Decode(body, httpCharset, out var relabelled);
        return DocumentSniffer.Sniff(source, source.Utf8) switch
        {
            DocumentKind.Html => throw new FeedParseException("the response is an HTML page, not a feed"),
            DocumentKind.Other => throw new FeedParseException("the response is neither XML nor JSON, so it is not a feed"),
            DocumentKind.Json => JsonFeedReader.Read(source, feedUrl) with { Recovered = relabelled },
            _ => ParseXml(source, feedUrl, relabelled),
        };
    }

    private static ParsedFeed ParseXml(FeedSource source, Uri feedUrl, bool relabelled)
    {
        try
        {
            return ReadStrict(source, feedUrl) with { Recovered = relabelled };
        }
        catch (XmlException error)
        {
            return ReadRepaired(source, feedUrl, error);
        }
    }

    private static ParsedFeed ReadStrict(FeedSource source, Uri feedUrl)
    {
        using var reader = source.CreateReader(StrictSettings);
        return XmlFeedReader.Read(reader, feedUrl, lenient: false, out _);
    }

    private static string Items(int count) => count == 1 ? "the 1 item" : $"the {count} items";

    private static ParsedFeed ReadRepaired(FeedSource source, Uri feedUrl, XmlException original)
    {
        var repaired = NamespaceRepair.DeclareMissingPrefixes(XmlRepair.Repair(source.GetText()));
        ParsedFeed feed;
        XmlException? error;
        try
        {
            using var reader = XmlReader.Create(new StringReader(repaired), LenientSettings);
            feed = XmlFeedReader.Read(reader, feedUrl, lenient: true, out error);
        }
        catch (XmlException exception)
        {
            // Broken before the root element was even complete.
            feed = new ParsedFeed { Format = FeedFormat.Unknown, Items = [] };
            error = exception;
        }

        // A document cut off after its channel (even just "</rss") still gives title and link; only
        // a document that yields nothing at all is no feed.
        if (error is not null && feed.Items.Count == 0 && feed.Title is null && feed.Link is null)
        {
            throw new FeedParseException(
                original.LineNumber > 0
                    ? $"not well-formed XML at line {original.LineNumber}, column {original.LinePosition} and no complete item could be recovered"
                    : "the document has no root element, so it is not a feed",
                original);
        }

        var where = original.LineNumber > 0 ? $" at line {original.LineNumber}, column {original.LinePosition}" : string.Empty;
        var warning = error is null
            ? $"the feed is not well-formed XML{where}; it was read after repair"
            : $"the feed is not well-formed XML{where} and breaks off{(error.LineNumber > 0 ? $" at line {error.LineNumber}" : string.Empty)}; {Items(feed.Items.Count)} before that point were read, any after it are missing";
        return feed with { Recovered = true, Warning = warning };
    }
}
