using System.ServiceModel.Syndication;
using System.Xml;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// The fast path for well-formed RSS 2.0 and Atom 1.0: System.ServiceModel.Syndication with
/// lenient date and URI parsers (docs/library-notes.md 1.2), mapped onto our model.
/// </summary>
internal static class SyndicationFeedReader
{
    public static ParsedFeed Read(XmlReader reader, FeedRoot root, Uri feedUrl)
    {
        SyndicationFeedFormatter formatter = root.Format == FeedFormat.Atom10
            ? new Atom10FeedFormatter<ModuleReadingFeed>()
            : new Rss20FeedFormatter<ModuleReadingFeed>();
        var builtIn = formatter.DateTimeParser;
        formatter.DateTimeParser = (XmlDateTimeData data, out DateTimeOffset value) =>
        {
            // Our parser first: the built-in one uses the current culture and rejects UTC/CEST/"Sept".
            if (LenientDates.TryParse(data.DateTimeString, out value) || builtIn(data, out value))
            {
                return true;
            }

            // A lenient parser must return true even on failure, or the getter throws later; MinValue means unknown.
            value = DateTimeOffset.MinValue;
            return true;
        };
        formatter.UriParser = (XmlUriData data, out Uri? uri) =>
        {
            if (!Uri.TryCreate(data.UriString.Trim(), data.UriKind, out uri))
            {
                uri = null;
            }

            return true;
        };
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;

        var feedBase = feed.BaseUri is null ? feedUrl : LinkResolver.Rebase(feedUrl, feed.BaseUri.OriginalString);
        var feedLink = PickLink(feed.Links, feedBase);
        var itemBase = feed.BaseUri is not null ? feedBase
            : feedLink is not null && Uri.TryCreate(feedLink, UriKind.Absolute, out var linkUri) && linkUri.Scheme is "http" or "https" ? linkUri
            : feedUrl;

        var items = new List<FeedItem>();
        // ModuleReadingFeed creates every item the formatter reads.
        foreach (var item in feed.Items.Cast<ModuleReadingItem>())
        {
            items.Add(SyndicationItemMapper.Map(item, itemBase, root.Format == FeedFormat.Atom10));
        }

        return new ParsedFeed
        {
            Format = root.Format,
            Title = SyndicationItemMapper.Text(feed.Title) ?? SyndicationItemMapper.Extension(feed.ElementExtensions, "title", FeedNamespaces.DublinCore),
            Link = feedLink,
            Ttl = SyndicationItemMapper.Ttl(feed.ElementExtensions),
            Items = FeedAuthor.Apply(items, feed.Authors.Select(a => a.Name ?? a.Email).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))?.Trim()),
        };
    }

    /// <summary>rel=alternate (or none), HTML type first; resolved against the element's xml:base.</summary>
    internal static string? PickLink(IEnumerable<SyndicationLink> links, Uri baseUri)
    {
        SyndicationLink? best = null;
        var bestRank = int.MaxValue;
        foreach (var link in links)
        {
            if (link.Uri is null || (link.RelationshipType is { } rel && !rel.Equals("alternate", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var rank = link.MediaType is null || link.MediaType.Contains("html", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
            if (rank < bestRank)
            {
                best = link;
                bestRank = rank;
            }
        }

        if (best is null)
        {
            return null;
        }

        var linkBase = best.BaseUri is null ? baseUri : LinkResolver.Rebase(baseUri, best.BaseUri.OriginalString);
        return LinkResolver.Resolve(best.Uri!.OriginalString, linkBase);
    }
}
