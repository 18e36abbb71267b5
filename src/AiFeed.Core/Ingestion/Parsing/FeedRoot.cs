using System.Xml;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>What the root element says the document is.</summary>
internal readonly record struct FeedRoot(FeedFormat Format, bool SyndicationReadable, string Namespace)
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
                if (version is not null && version.StartsWith("0.9", StringComparison.Ordinal))
                {
                    return new(FeedFormat.Rss09x, false, ns);
                }

                // Syndication accepts exactly version="2.0" in no namespace (docs/library-notes.md 1.1); anything else is ours.
                return new(FeedFormat.Rss20, version == "2.0" && ns.Length == 0, ns);
            case "RDF":
                return new(ns == FeedNamespaces.Rss090 || reader.LookupNamespace(string.Empty) == FeedNamespaces.Rss090 ? FeedFormat.Rss09x : FeedFormat.Rss10, false, ns);
            case "feed":
                if (ns == FeedNamespaces.Atom03 || reader.GetAttribute("version")?.Trim() == "0.3")
                {
                    return new(FeedFormat.Atom03, false, ns);
                }

                return new(FeedFormat.Atom10, ns == FeedNamespaces.Atom10, ns);
            case "channel":
                // Some RSS 0.9x generators omit the <rss> wrapper.
                return new(FeedFormat.Rss09x, false, ns);
            default:
                return new(FeedFormat.Unknown, false, ns);
        }
    }
}
