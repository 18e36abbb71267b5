using System.Xml.Linq;

namespace AiFeed.Ingestion.Parsing;

/// <summary>Module elements shared by RSS, RDF and Atom items: Dublin Core, DC terms, content:encoded and Media RSS.</summary>
internal static class ModuleElements
{
    public static void Read(ItemDraft draft, XElement element, string ns, string name, Uri baseUri)
    {
        switch (ns)
        {
            case FeedNamespaces.DublinCore:
                switch (name)
                {
                    case "creator":
                        draft.Creator ??= XmlMarkup.Value(element);
                        break;
                    case "date":
                        draft.DcDate = ItemDraft.ParseDate(element.Value) ?? draft.DcDate;
                        break;
                    case "subject":
                        draft.AddCategory(element.Value);
                        break;
                    case "title":
                        draft.FallbackTitle ??= XmlMarkup.Value(element);
                        break;
                    default:
                        break;
                }

                break;
            case FeedNamespaces.DcTerms:
                switch (name)
                {
                    case "issued":
                        draft.Published = ItemDraft.ParseDate(element.Value) ?? draft.Published;
                        break;
                    case "created":
                        draft.Created = ItemDraft.ParseDate(element.Value) ?? draft.Created;
                        break;
                    case "modified":
                        draft.Updated = ItemDraft.ParseDate(element.Value) ?? draft.Updated;
                        break;
                    default:
                        break;
                }

                break;
            case FeedNamespaces.Content when name == "encoded":
                draft.Content ??= XmlMarkup.Value(element);
                break;
            case FeedNamespaces.Media:
                draft.Image ??= MediaImage(element, baseUri);
                break;
            default:
                break;
        }
    }

    private static string? MediaImage(XElement element, Uri baseUri)
    {
        switch (element.Name.LocalName)
        {
            case "thumbnail":
                return XmlItemMapper.Resolve(element, (string?)element.Attribute("url"), baseUri);
            case "content" when string.Equals((string?)element.Attribute("medium"), "image", StringComparison.OrdinalIgnoreCase)
                || IsImageType((string?)element.Attribute("type")):
                return XmlItemMapper.Resolve(element, (string?)element.Attribute("url"), baseUri);
            case "content" or "group":
                foreach (var child in element.Elements())
                {
                    if (child.Name.NamespaceName == FeedNamespaces.Media && MediaImage(child, baseUri) is { } url)
                    {
                        return url;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    public static bool IsImageType(string? type) => type?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true;
}
