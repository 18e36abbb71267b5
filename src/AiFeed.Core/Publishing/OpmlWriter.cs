using System.Globalization;
using System.Text;
using System.Xml;
using AiFeed.Catalog;

namespace AiFeed.Publishing;

/// <summary>OPML 2.0 (http://opml.org/spec2.opml) export of the catalog's feeds.</summary>
public static class OpmlWriter
{
    public const string ContentType = "text/x-opml; charset=utf-8";
    public const string AiFeedNamespace = "urn:aifeed:opml";

    /// <summary>
    /// Sources with a feed URL, one outline each (OPML lists feeds: a source read by scraping has
    /// nothing a reader could subscribe to). Tags go in the standard <c>category</c> attribute.
    /// </summary>
    public static byte[] Write(FeedCatalog catalog, string title, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("opml");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "aifeed", null, AiFeedNamespace);
            xml.WriteStartElement("head");
            xml.WriteElementString("title", XmlText.Clean(title));
            xml.WriteElementString("dateCreated", created.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture));
            xml.WriteElementString("docs", "http://opml.org/spec2.opml");
            xml.WriteEndElement();
            xml.WriteStartElement("body");
            foreach (var source in catalog.Sources.Where(s => s.Url is not null))
            {
                WriteOutline(xml, source);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void WriteOutline(XmlWriter xml, SourceDefinition source)
    {
        xml.WriteStartElement("outline");
        xml.WriteAttributeString("type", "rss");
        xml.WriteAttributeString("text", XmlText.Clean(source.Name));
        xml.WriteAttributeString("title", XmlText.Clean(source.Name));
        xml.WriteAttributeString("xmlUrl", source.Url);
        if (source.Site is not null)
        {
            xml.WriteAttributeString("htmlUrl", source.Site);
        }

        if (source.Tags.Count > 0)
        {
            xml.WriteAttributeString("category", string.Join(',', source.Tags));
        }

        xml.WriteAttributeString("id", AiFeedNamespace, source.Id);
        xml.WriteAttributeString("weight", AiFeedNamespace, source.Weight.ToString(CultureInfo.InvariantCulture));
        if (source.PollInterval is { } interval)
        {
            xml.WriteAttributeString("pollInterval", AiFeedNamespace, interval.ToString("c", CultureInfo.InvariantCulture));
        }

        if (!source.Enabled)
        {
            xml.WriteAttributeString("enabled", AiFeedNamespace, "false");
        }

        xml.WriteEndElement();
    }
}
