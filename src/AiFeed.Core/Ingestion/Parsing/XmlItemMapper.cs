using System.Xml.Linq;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>Turns one RSS/RDF item or Atom entry element into a <see cref="FeedItem"/>.</summary>
internal static class XmlItemMapper
{
    private static readonly XName RdfAbout = XName.Get("about", FeedNamespaces.Rdf);
    private static readonly XName XmlBase = XNamespace.Xml + "base";

    public static FeedItem FromRss(XElement item, Uri baseUri, Func<string, bool> isCore)
    {
        var draft = new ItemDraft { Id = Trimmed((string?)item.Attribute(RdfAbout)) };
        baseUri = LinkResolver.Rebase(baseUri, (string?)item.Attribute(XmlBase));
        foreach (var element in item.Elements())
        {
            var ns = element.Name.NamespaceName;
            var name = element.Name.LocalName;
            if (isCore(ns))
            {
                ReadRssCore(draft, element, name, baseUri);
            }
            else
            {
                ModuleElements.Read(draft, element, ns, name, baseUri);
            }
        }

        return draft.ToItem();
    }

    public static FeedItem FromAtom(XElement entry, Uri baseUri, bool atom10)
    {
        var draft = new ItemDraft();
        baseUri = LinkResolver.Rebase(baseUri, (string?)entry.Attribute(XmlBase));
        var linkRank = int.MaxValue;
        foreach (var element in entry.Elements())
        {
            var ns = element.Name.NamespaceName;
            if (ns is not (FeedNamespaces.Atom10 or FeedNamespaces.Atom03) && ns != entry.Name.NamespaceName)
            {
                ModuleElements.Read(draft, element, ns, element.Name.LocalName, baseUri);
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "id":
                    draft.Id ??= XmlMarkup.Value(element);
                    break;
                case "title":
                    draft.Title ??= XmlMarkup.Text(element, atom10);
                    break;
                case "link":
                    var rank = AlternateRank(element);
                    if (rank < linkRank && Resolve(element, Href(element), baseUri) is { } href)
                    {
                        draft.Link = href;
                        linkRank = rank;
                    }
                    else if (IsImageEnclosure(element))
                    {
                        draft.Image ??= Resolve(element, (string?)element.Attribute("href"), baseUri);
                    }

                    break;
                case "published" or "issued":
                    draft.Published = ItemDraft.ParseDate(element.Value) ?? draft.Published;
                    break;
                case "created":
                    draft.Created = ItemDraft.ParseDate(element.Value) ?? draft.Created;
                    break;
                case "updated" or "modified":
                    draft.Updated = ItemDraft.ParseDate(element.Value) ?? draft.Updated;
                    break;
                case "author":
                    draft.Author ??= AtomPersonName(element);
                    break;
                case "summary":
                    draft.Summary ??= XmlMarkup.Text(element, atom10);
                    break;
                case "content":
                    draft.Content ??= XmlMarkup.Text(element, atom10);
                    break;
                case "category":
                    draft.AddCategory((string?)element.Attribute("term") ?? (string?)element.Attribute("label") ?? element.Value);
                    break;
                default:
                    break;
            }
        }

        return draft.ToItem();
    }

    /// <summary>0 = rel alternate (or none) with an HTML type, 1 = other alternate, int.MaxValue = not a page link.</summary>
    public static int AlternateRank(XElement link)
    {
        var rel = (string?)link.Attribute("rel");
        if (rel is not null && !rel.Equals("alternate", StringComparison.OrdinalIgnoreCase)
            && !rel.Equals("http://www.iana.org/assignments/relation/alternate", StringComparison.OrdinalIgnoreCase))
        {
            return int.MaxValue;
        }

        if (string.IsNullOrWhiteSpace(Href(link)))
        {
            return int.MaxValue;
        }

        var type = (string?)link.Attribute("type");
        return type is null || type.Contains("html", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
    }

    /// <summary>Resolves a link against xml:base on the element and its ancestors below the item (whose own base is in outerBase).</summary>
    public static string? Resolve(XElement element, string? raw, Uri outerBase)
    {
        List<string>? bases = null;
        for (var e = element; e.Parent is not null; e = e.Parent)
        {
            if ((string?)e.Attribute(XmlBase) is { } b)
            {
                (bases ??= []).Add(b);
            }
        }

        var baseUri = outerBase;
        for (var i = (bases?.Count ?? 0) - 1; i >= 0; i--)
        {
            baseUri = LinkResolver.Rebase(baseUri, bases![i]);
        }

        return LinkResolver.Resolve(raw, baseUri);
    }

    /// <summary>The href attribute, or the element text that some generators write instead.</summary>
    public static string? Href(XElement link) => (string?)link.Attribute("href") ?? (link.HasElements ? null : link.Value);

    private static void ReadRssCore(ItemDraft draft, XElement element, string name, Uri baseUri)
    {
        switch (name)
        {
            case "title":
                draft.Title ??= XmlMarkup.Value(element);
                break;
            case "link":
                draft.Link ??= Resolve(element, element.Value, baseUri);
                break;
            case "guid":
                draft.Id = XmlMarkup.Value(element) ?? draft.Id;

                // isPermaLink defaults to true, but bare numbers and tag: URIs are no links (netnewswire monkeydom, livemint).
                if (!string.Equals((string?)element.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
                    && LinkResolver.IsHttpUrl(draft.Id))
                {
                    draft.GuidLink = draft.Id;
                }

                break;
            case "description":
                draft.Summary ??= XmlMarkup.Value(element);
                break;
            case "pubDate":
                draft.Published = ItemDraft.ParseDate(element.Value) ?? draft.Published;
                break;
            case "author":
                // Some RSS feeds (blog.google) nest Atom's name/title/department in author: the name alone.
                draft.Author ??= AtomPersonName(element);
                break;
            case "category":
                draft.AddCategory(element.Value);
                break;
            case "enclosure" when ModuleElements.IsImageType((string?)element.Attribute("type")):
                draft.Image ??= Resolve(element, (string?)element.Attribute("url"), baseUri);
                break;
            default:
                break;
        }
    }

    private static bool IsImageEnclosure(XElement link) =>
        string.Equals((string?)link.Attribute("rel"), "enclosure", StringComparison.OrdinalIgnoreCase) && ModuleElements.IsImageType((string?)link.Attribute("type"));

    public static string? AtomPersonName(XElement author)
    {
        var name = author.Elements().FirstOrDefault(e => e.Name.LocalName == "name") ?? author.Elements().FirstOrDefault(e => e.Name.LocalName == "email");
        // A person given only by a link (<uri>) has no name to show; text alone (RSS, Atom 0.3's loose forms) is the name.
        return name is not null ? XmlMarkup.Value(name) : author.HasElements ? null : XmlMarkup.Value(author);
    }

    private static string? Trimmed(string? text)
    {
        var value = text?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
