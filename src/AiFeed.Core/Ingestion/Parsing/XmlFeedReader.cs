using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Our own streaming reader for every XML dialect (RSS 0.9x/1.0/2.0 in any namespace, Atom 0.3/1.0).
/// Items are materialised one at a time, so when the document breaks off (truncation, a stray
/// tag) every item completed before the error is kept.
/// </summary>
internal sealed class XmlFeedReader
{
    private static readonly XName XmlBase = XNamespace.Xml + "base";

    private readonly FeedRoot root;
    private readonly Uri feedUrl;
    private readonly List<FeedItem> items = [];
    private string? title;
    private string? fallbackTitle;
    private string? link;
    private string? author;
    private Uri? linkUri;
    private TimeSpan? ttl;
    private int linkRank = int.MaxValue;

    private XmlFeedReader(FeedRoot root, Uri feedUrl)
    {
        this.root = root;
        this.feedUrl = feedUrl;
    }

    /// <summary>Reads the document. Lenient: an XmlException ends the walk and is returned instead of thrown.</summary>
    public static ParsedFeed Read(XmlReader reader, Uri feedUrl, bool lenient, out XmlException? error)
    {
        error = null;
        reader.MoveToContent();
        var root = FeedRoot.From(reader);
        if (root.Format == FeedFormat.Unknown)
        {
            throw new FeedParseException($"the document's root element <{reader.LocalName}> is not RSS, RDF or Atom");
        }

        var walker = new XmlFeedReader(root, feedUrl);
        try
        {
            var xmlBase = reader.GetAttribute("xml:base");
            var baseUri = xmlBase is null ? null : LinkResolver.Rebase(feedUrl, xmlBase);
            walker.ReadChildren(reader, baseUri);
        }
        catch (XmlException exception) when (lenient)
        {
            error = exception;
        }

        return new ParsedFeed
        {
            Format = root.Format,
            Title = walker.title ?? walker.fallbackTitle,
            Link = walker.link,
            Ttl = walker.ttl,
            Items = FeedAuthor.Apply(walker.items, walker.author),
        };
    }

    /// <summary>Visits the children of the element the reader is on and leaves the reader after its end tag.</summary>
    private void ReadChildren(XmlReader reader, Uri? xmlBase)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var name = reader.LocalName;
            var ns = reader.NamespaceURI;
            if (!root.IsAtom && name == "channel" && IsCore(ns))
            {
                ReadChildren(reader, Rebase(xmlBase, reader.GetAttribute("xml:base")));
            }
            else if (root.IsAtom ? name == "entry" && IsAtomNs(ns) : name == "item" && IsCore(ns))
            {
                var element = (XElement)XNode.ReadFrom(reader);
                var baseUri = xmlBase ?? linkUri ?? feedUrl;
                items.Add(root.IsAtom
                    ? XmlItemMapper.FromAtom(element, baseUri, root.Format == FeedFormat.Atom10)
                    : XmlItemMapper.FromRss(element, baseUri, IsCore));
            }
            else if (IsFeedField(name, ns))
            {
                ReadFeedField((XElement)XNode.ReadFrom(reader), xmlBase);
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
        {
            reader.Read();
        }
    }

    // A relative xml:base with no outer one resolves against the URL the document came from.
    private Uri? Rebase(Uri? current, string? xmlBase) =>
        xmlBase is null ? current : LinkResolver.Rebase(current ?? feedUrl, xmlBase);

    private bool IsFeedField(string name, string ns) => root.IsAtom
        ? IsAtomNs(ns) && name is "title" or "link" or "author"
        : (IsCore(ns) && name is "title" or "link" or "ttl" or "managingEditor") || (ns == FeedNamespaces.DublinCore && name == "title");

    private void ReadFeedField(XElement element, Uri? xmlBase)
    {
        var baseUri = LinkResolver.Rebase(xmlBase ?? feedUrl, (string?)element.Attribute(XmlBase));
        switch (element.Name.LocalName)
        {
            case "title" when element.Name.NamespaceName == FeedNamespaces.DublinCore:
                fallbackTitle ??= XmlMarkup.Value(element);
                break;
            case "title":
                title ??= root.IsAtom ? XmlMarkup.Text(element, root.Format == FeedFormat.Atom10) : XmlMarkup.Value(element);
                break;
            case "link" when root.IsAtom:
                var rank = XmlItemMapper.AlternateRank(element);
                if (rank < linkRank && LinkResolver.Resolve(XmlItemMapper.Href(element), baseUri) is { } href)
                {
                    SetLink(href);
                    linkRank = rank;
                }

                break;
            case "link":
                if (link is null && LinkResolver.Resolve(element.Value, baseUri) is { } resolved)
                {
                    SetLink(resolved);
                }

                break;
            case "author" when root.IsAtom:
                author ??= XmlItemMapper.AtomPersonName(element);
                break;
            case "managingEditor":
                // The channel's editor stands for every item that names no author, as Atom's
                // feed-level author does (and as System.ServiceModel.Syndication read it before decision 0085).
                author ??= XmlMarkup.Value(element);
                break;
            case "ttl":
                if (int.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
                {
                    ttl = TimeSpan.FromMinutes(minutes);
                }

                break;
            default:
                break;
        }
    }

    private void SetLink(string value)
    {
        link = value;
        linkUri = Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    /// <summary>RSS element namespaces: none, the root's (the WordPress re-serialisation oddity), and the RSS 0.9/1.0/Userland ones.</summary>
    private bool IsCore(string ns) =>
        ns.Length == 0 || ns == root.Namespace || ns is FeedNamespaces.Rss10 or FeedNamespaces.Rss090 or FeedNamespaces.UserlandRss2 or FeedNamespaces.UserlandRss;

    private bool IsAtomNs(string ns) => ns == root.Namespace || ns is FeedNamespaces.Atom10 or FeedNamespaces.Atom03;
}
