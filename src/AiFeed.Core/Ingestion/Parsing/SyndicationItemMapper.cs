using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml.Linq;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>Maps a <see cref="SyndicationItem"/> onto <see cref="FeedItem"/>, with the module elements (dc, content, media) its <see cref="ModuleReadingItem"/> kept.</summary>
internal static class SyndicationItemMapper
{
    public static FeedItem Map(ModuleReadingItem item, Uri feedBase, bool atom10)
    {
        var baseUri = item.BaseUri is null ? feedBase : LinkResolver.Rebase(feedBase, item.BaseUri.OriginalString);
        var id = item.Id?.Trim();
        var draft = new ItemDraft
        {
            Id = string.IsNullOrEmpty(id) ? null : id,
            Title = Text(item.Title),
            Summary = Text(item.Summary),
            Published = Known(item.PublishDate),
            Updated = Known(item.LastUpdatedTime),
            Author = item.Authors.Select(a => NonEmpty(a.Name) ?? NonEmpty(a.Email)).FirstOrDefault(n => n is not null),
        };

        // Rss20FeedFormatter turns a permalink guid into an alternate link even when it is no URL (bare numbers, tag: URIs).
        var links = item.Links.Where(l => l.Uri is not null && (l.Uri.OriginalString != item.Id || LinkResolver.IsHttpUrl(item.Id)));
        draft.Link = SyndicationFeedReader.PickLink(links, baseUri);

        foreach (var link in item.Links)
        {
            if (draft.Image is null && link.Uri is not null && "enclosure".Equals(link.RelationshipType, StringComparison.OrdinalIgnoreCase)
                && link.MediaType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true)
            {
                draft.Image = LinkResolver.Resolve(link.Uri.OriginalString, baseUri);
            }
        }

        foreach (var category in item.Categories)
        {
            draft.AddCategory(category.Name ?? category.Label);
        }

        if (item.Content is TextSyndicationContent content)
        {
            draft.Content = Text(content);
        }

        foreach (var element in item.Modules)
        {
            ModuleElements.Read(draft, element, element.Name.NamespaceName, element.Name.LocalName, baseUri);
        }

        return draft.ToItem();
    }

    public static string? Text(TextSyndicationContent? content)
    {
        if (content?.Text is not { } text)
        {
            return null;
        }

        // Syndication hands xhtml back as the serialized wrapper div (docs/library-notes.md 1.3).
        text = string.Equals(content.Type, "xhtml", StringComparison.OrdinalIgnoreCase) ? XmlMarkup.XhtmlFromSerialized(text) : text.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The text of the first extension element with this name, e.g. a channel-level dc:title.</summary>
    public static string? Extension(SyndicationElementExtensionCollection extensions, string name, string ns)
    {
        foreach (var extension in extensions)
        {
            if (extension.OuterName == name && extension.OuterNamespace == ns)
            {
                return NonEmpty(ReadElement(extension).Value);
            }
        }

        return null;
    }

    public static TimeSpan? Ttl(SyndicationElementExtensionCollection extensions)
    {
        foreach (var extension in extensions)
        {
            if (extension.OuterName == "ttl" && extension.OuterNamespace.Length == 0)
            {
                using var reader = extension.GetReader();
                var text = reader.ReadElementContentAsString().Trim();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
            }
        }

        return null;
    }

    // The extension reader sits on a shared buffer with more elements after this one, so XElement.Load
    // (which insists on reaching end of file) fails; ReadFrom reads just the one element.
    private static XElement ReadElement(SyndicationElementExtension extension)
    {
        using var reader = extension.GetReader();
        reader.MoveToContent();
        return (XElement)XNode.ReadFrom(reader);
    }

    private static DateTimeOffset? Known(DateTimeOffset value) => value == DateTimeOffset.MinValue ? null : value.ToUniversalTime();

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
