using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AiFeed.Publishing;

/// <summary>
/// RSS 2.0 and Atom 1.0 through System.ServiceModel.Syndication: one <see cref="SyndicationFeed"/>
/// model, two formatters. What RSS 2.0 has no element for rides in the usual modules:
/// <c>content:encoded</c> for the full HTML and <c>dc:creator</c> for an author without an e-mail
/// address (RSS's own <c>author</c> must be an e-mail address).
/// </summary>
public static class SyndicationWriter
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    private const string MediaNamespace = "http://search.yahoo.com/mrss/";

    public static PublishedDocument WriteRss(FeedChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var feed = Build(channel, rss: true);
        // Declared once on the channel instead of on every item.
        feed.AttributeExtensions.Add(new XmlQualifiedName("content", "http://www.w3.org/2000/xmlns/"), ContentNamespace);
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCoreNamespace);
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", "http://www.w3.org/2000/xmlns/"), MediaNamespace);
        return DocumentValidators.Seal(Write(new Rss20FeedFormatter(feed)), RssContentType, channel);
    }

    public static PublishedDocument WriteAtom(FeedChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return DocumentValidators.Seal(Write(new Atom10FeedFormatter(Build(channel, rss: false))), AtomContentType, channel);
    }

    private static SyndicationFeed Build(FeedChannel channel, bool rss)
    {
        var feed = new SyndicationFeed(XmlText.Clean(channel.Title), XmlText.Clean(channel.Description), channel.HomeUrl)
        {
            Id = channel.SelfUrl.AbsoluteUri,
            LastUpdatedTime = channel.Updated,
            Generator = "AiFeed",
            Language = "en",
            Items = [.. channel.Entries.Select(e => BuildItem(e, rss))],
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(channel.SelfUrl, rss ? "application/rss+xml" : "application/atom+xml"));
        if (!rss)
        {
            // Atom requires an author on the feed unless every entry has one.
            feed.Authors.Add(new SyndicationPerson { Name = XmlText.Clean(channel.Title), Uri = channel.HomeUrl.AbsoluteUri });
        }

        return feed;
    }

    private static SyndicationItem BuildItem(FeedEntry entry, bool rss)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = new TextSyndicationContent(XmlText.Clean(entry.Title)),
            PublishDate = entry.Published,
            LastUpdatedTime = entry.Updated,
        };
        if (!string.IsNullOrEmpty(entry.Summary))
        {
            item.Summary = new TextSyndicationContent(XmlText.Clean(entry.Summary));
        }

        if (entry.Url is not null && Uri.TryCreate(entry.Url, UriKind.Absolute, out var link))
        {
            item.Links.Add(SyndicationLink.CreateAlternateLink(link));
        }

        foreach (var tag in entry.Tags)
        {
            item.Categories.Add(new SyndicationCategory(XmlText.Clean(tag)));
        }

        item.SourceFeed = SourceOf(entry);
        if (rss)
        {
            if (entry.Author is { } author)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCoreNamespace), XmlText.Clean(author)));
            }

            if (entry.Image is { } image)
            {
                // RSS's enclosure needs a length and type we do not know; Media RSS needs neither.
                item.ElementExtensions.Add(new XElement(XName.Get("content", MediaNamespace), new XAttribute("url", image.AbsoluteUri), new XAttribute("medium", "image")));
            }

            if (!string.IsNullOrEmpty(entry.ContentHtml))
            {
                item.ElementExtensions.Add(new XElement(XName.Get("encoded", ContentNamespace), new XCData(XmlText.Clean(entry.ContentHtml))));
            }
        }
        else
        {
            if (entry.Author is { } author)
            {
                item.Authors.Add(new SyndicationPerson { Name = XmlText.Clean(author) });
            }

            if (entry.Image is { } image)
            {
                item.Links.Add(new SyndicationLink(image) { RelationshipType = "enclosure" });
            }

            if (!string.IsNullOrEmpty(entry.ContentHtml))
            {
                item.Content = new TextSyndicationContent(XmlText.Clean(entry.ContentHtml), TextSyndicationContentKind.Html);
            }
        }

        return item;
    }

    /// <summary>The feed the post came from: RSS's <c>source</c> (name and feed URL), Atom's <c>source</c> (title and links).</summary>
    private static SyndicationFeed? SourceOf(FeedEntry entry)
    {
        if (entry.SourceUrl is null)
        {
            return null;
        }

        var source = new SyndicationFeed { Title = new TextSyndicationContent(XmlText.Clean(entry.SourceName)), Id = entry.SourceUrl.AbsoluteUri };
        source.Links.Add(SyndicationLink.CreateSelfLink(entry.SourceUrl));
        return source;
    }

    private static byte[] Write(SyndicationFeedFormatter formatter)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            formatter.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
