using System.Xml;
using AiFeed.Ingestion.Parsing;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>One entry of a sitemap: a page (or, in a sitemap index, another sitemap) and its lastmod.</summary>
public sealed record SitemapEntry(Uri Url, DateTimeOffset? LastModified);

/// <summary>A parsed sitemap: a list of pages (<c>urlset</c>) or of further sitemaps (<c>sitemapindex</c>).</summary>
public sealed record SitemapDocument(bool IsIndex, IReadOnlyList<SitemapEntry> Entries);

/// <summary>
/// Reads sitemaps.org XML (namespace aside, as sites get it wrong): <c>loc</c> and <c>lastmod</c> of
/// each <c>url</c> or <c>sitemap</c>, with the feed parser's safe reader settings; a document that is
/// not a sitemap reads as empty.
/// </summary>
public static class Sitemap
{
    public static SitemapDocument Parse(ReadOnlyMemory<byte> body, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var entries = new List<SitemapEntry>();
        var isIndex = false;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, FeedXmlSettings.Create());
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName is not ("urlset" or "sitemapindex"))
            {
                return new SitemapDocument(false, []);
            }

            isIndex = reader.LocalName == "sitemapindex";
            string? loc = null;
            string? lastmod = null;
            reader.Read();
            while (!reader.EOF)
            {
                // ReadElementContentAsString moves past the element itself: no Read after it.
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "loc")
                {
                    loc = reader.ReadElementContentAsString().Trim();
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "lastmod")
                {
                    lastmod = reader.ReadElementContentAsString().Trim();
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "url" or "sitemap")
                {
                    (loc, lastmod) = (null, null);
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "url" or "sitemap" && HtmlPage.Resolve(url, loc) is { } page)
                {
                    entries.Add(new SitemapEntry(new Uri(page), LenientDates.TryParse(lastmod, out var modified) ? modified : null));
                }

                reader.Read();
            }
        }
        catch (XmlException)
        {
            // A sitemap cut short keeps the entries read before the fault.
        }

        return new SitemapDocument(isIndex, entries);
    }
}
