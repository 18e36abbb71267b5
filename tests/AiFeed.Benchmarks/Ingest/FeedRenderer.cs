using System.Globalization;
using System.Security;
using System.Text;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>RSS 2.0 or Atom 1.0 text of a synthetic feed, dates spelled the many ways real feeds spell them.</summary>
internal static class FeedRenderer
{
    public static byte[] Render(SyntheticFeed feed)
    {
        var xml = new StringBuilder(feed.Items.Count * 3600);
        if (feed.Atom)
        {
            xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .Append("<title>").Append(feed.Id).Append(" AI blog</title><id>").Append(feed.Site).Append("</id>")
                .Append("<link rel=\"alternate\" href=\"").Append(feed.Site).Append("\"/>")
                .Append("<updated>").Append(feed.Items[0].Published.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)).Append("</updated>");
            for (var i = 0; i < feed.Items.Count; i++)
            {
                var item = feed.Items[i];
                xml.Append("<entry><title>").Append(Escape(item.Title)).Append("</title><id>tag:").Append(feed.Id).Append(".example.com,2025:").Append(item.Guid).Append("</id>")
                    .Append("<link rel=\"alternate\" type=\"text/html\" href=\"").Append(Escape(item.Link)).Append("\"/>")
                    .Append("<published>").Append(AtomDate(item.Published, i)).Append("</published>")
                    .Append("<updated>").Append(AtomDate(item.Published.AddMinutes(5), i)).Append("</updated>")
                    .Append("<author><name>").Append(feed.Id).Append(" team</name></author>")
                    .Append("<category term=\"research\"/><content type=\"html\">").Append(Escape(item.Html)).Append("</content></entry>");
            }

            xml.Append("</feed>");
        }
        else
        {
            xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>")
                .Append("<title>").Append(feed.Id).Append(" AI blog</title><link>").Append(feed.Site).Append("</link><description>Notes on machine learning</description>");
            for (var i = 0; i < feed.Items.Count; i++)
            {
                var item = feed.Items[i];
                xml.Append("<item><title>").Append(Escape(item.Title)).Append("</title><link>").Append(Escape(item.Link)).Append("</link>")
                    .Append("<guid isPermaLink=\"false\">").Append(item.Guid).Append("</guid>")
                    .Append("<pubDate>").Append(RssDate(item.Published, i)).Append("</pubDate>")
                    .Append("<dc:creator>").Append(feed.Id).Append(" team</dc:creator><category>Research</category>")
                    .Append("<description><![CDATA[").Append(item.Html.AsSpan(0, 280)).Append("…]]></description>")
                    .Append("<content:encoded><![CDATA[").Append(item.Html).Append("]]></content:encoded></item>");
            }

            xml.Append("</channel></rss>");
        }

        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    // RFC 822 as written, and the variants found in the wild: numeric zones, named US zones, "Z",
    // single-digit days, no weekday, ISO 8601 inside <pubDate>.
    private static string RssDate(DateTimeOffset at, int variant) => (variant % 7) switch
    {
        0 => at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture),
        1 => at.ToOffset(TimeSpan.FromHours(-7)).ToString("ddd, dd MMM yyyy HH:mm:ss '-0700'", CultureInfo.InvariantCulture),
        2 => at.ToOffset(TimeSpan.FromHours(-5)).ToString("ddd, d MMM yyyy HH:mm:ss 'EST'", CultureInfo.InvariantCulture),
        3 => at.UtcDateTime.ToString("dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        4 => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        5 => at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm 'Z'", CultureInfo.InvariantCulture),
        _ => at.ToOffset(TimeSpan.FromHours(2)).ToString("ddd, dd MMM yyyy HH:mm:ss '+0200'", CultureInfo.InvariantCulture),
    };

    private static string AtomDate(DateTimeOffset at, int variant) => (variant % 3) switch
    {
        0 => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        1 => at.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        _ => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
    };
}
