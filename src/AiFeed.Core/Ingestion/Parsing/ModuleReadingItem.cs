using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// A feed whose items keep the module elements we map (dc, dcterms, content, media) as they are read.
/// Left to Syndication, each of them was written into a binary buffer per item and read back from it
/// (content:encoded, an article's whole HTML, among them): about 10 % of a cold poll's allocations.
/// </summary>
internal sealed class ModuleReadingFeed : SyndicationFeed
{
    protected override SyndicationItem CreateItem() => new ModuleReadingItem();
}

/// <summary>An item that takes its module elements straight from the formatter's reader.</summary>
internal sealed class ModuleReadingItem : SyndicationItem
{
    public List<XElement> Modules { get; } = [];

    // Called by the formatter for every element it does not know; true means consumed, so nothing
    // is buffered as an extension. XNode.ReadFrom leaves the reader after the element, as expected.
    protected override bool TryParseElement(XmlReader reader, string version)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.NamespaceURI is FeedNamespaces.DublinCore or FeedNamespaces.DcTerms or FeedNamespaces.Content or FeedNamespaces.Media)
        {
            Modules.Add((XElement)XNode.ReadFrom(reader));
            return true;
        }

        return base.TryParseElement(reader, version);
    }
}
