using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace AiFeed.Publishing;

/// <summary>
/// Reads the feeds of an OPML 1.0/2.0 subscription list, as other readers export them: every
/// <c>outline</c> with an <c>xmlUrl</c>, at any depth. Folder outlines become tags of the feeds
/// inside them, as do the entries of a <c>category</c> attribute ("/AI/Research" gives two).
/// </summary>
public static class OpmlReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = 20_000_000,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly XNamespace AiFeed = OpmlWriter.AiFeedNamespace;

    /// <exception cref="FormatException">The document is not OPML.</exception>
    public static IReadOnlyList<OpmlOutline> Read(Stream document)
    {
        XDocument xml;
        try
        {
            using var reader = XmlReader.Create(document, Settings);
            xml = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"not well-formed XML: {ex.Message}", ex);
        }

        if (xml.Root is not { Name.LocalName: "opml" } root || root.Element("body") is not { } body)
        {
            throw new FormatException("not an OPML document: the root must be <opml> with a <body>");
        }

        var result = new List<OpmlOutline>();
        Walk(body, [], result);
        return result;
    }

    private static void Walk(XElement parent, IReadOnlyList<string> folderTags, List<OpmlOutline> result)
    {
        foreach (var outline in parent.Elements("outline"))
        {
            var title = Attr(outline, "title") ?? Attr(outline, "text");
            if (Attr(outline, "xmlUrl") is { } xmlUrl)
            {
                var tags = folderTags.Concat(Categories(Attr(outline, "category"))).Distinct(StringComparer.Ordinal).ToList();
                result.Add(new OpmlOutline(
                    title ?? xmlUrl,
                    xmlUrl,
                    Attr(outline, "htmlUrl"),
                    tags,
                    Id: (string?)outline.Attribute(AiFeed + "id"),
                    Weight: double.TryParse((string?)outline.Attribute(AiFeed + "weight"), NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : null,
                    PollInterval: TimeSpan.TryParse((string?)outline.Attribute(AiFeed + "pollInterval"), CultureInfo.InvariantCulture, out var p) ? p : null,
                    Enabled: bool.TryParse((string?)outline.Attribute(AiFeed + "enabled"), out var e) ? e : null));
            }

            if (outline.HasElements)
            {
                var tags = title is null ? folderTags : [.. folderTags, .. TagsOf(title)];
                Walk(outline, tags, result);
            }
        }
    }

    private static string? Attr(XElement element, string name) =>
        element.Attribute(name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static IEnumerable<string> Categories(string? attribute) =>
        attribute is null ? [] : attribute.Split([',', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(TagsOf);

    private static IEnumerable<string> TagsOf(string text) => Slug.From(text) is { Length: > 0 } tag ? [tag] : [];
}
