using System.Xml;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>What the root element says the document is.</summary>
internal readonly record struct FeedRoot(FeedFormat Format, string Namespace)
{
    public bool IsAtom => Format is FeedFormat.Atom10 or FeedFormat.Atom03;

    /// <summary>Reads the root element the reader is positioned on (after MoveToContent).</summary>
    public static FeedRoot From(XmlReader reader)
    {
        var ns = reader.NamespaceURI;
        switch (reader.LocalName)
        {
            case "rss":
                var version = reader.GetAttribute("version")?.Trim();
                return new(version is not null && version.StartsWith("0.9", StringComparison.Ordinal) ? FeedFormat.Rss09x : FeedFormat.Rss20, ns);
            case "RDF":
                return new(ns == FeedNamespaces.Rss090 || reader.LookupNamespace(string.Empty) == FeedNamespaces.Rss090 ? FeedFormat.Rss09x : FeedFormat.Rss10, ns);
            case "feed":
                return new(ns == FeedNamespaces.Atom03 || reader.GetAttribute("version")?.Trim() == "0.3" ? FeedFormat.Atom03 : FeedFormat.Atom10, ns);
            case "channel":
                // Some RSS 0.9x generators omit the <rss> wrapper.
                return new(FeedFormat.Rss09x, ns);
            default:
                return new(FeedFormat.Unknown, ns);
        }
    }
}
