using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

// Validates the feeds array: each source's keys, then ids unique across the file.
internal static partial class SourceValidator
{
    internal static readonly KeyTable<SourceDefinition> Keys = new(new Dictionary<string, PropertyHandler<SourceDefinition>>(StringComparer.Ordinal)
    {
        ["id"] = (s, v, p, r) => Id(v, p, r, out var id) ? s with { Id = id } : s,
        ["name"] = (s, v, p, r) => r.NonEmptyString(v, p, out var name) ? s with { Name = name } : s,
        ["url"] = (s, v, p, r) => r.HttpUrl(v, p, out var url) ? s with { Url = url } : s,
        ["site"] = (s, v, p, r) => r.HttpUrl(v, p, out var site) ? s with { Site = site } : s,
        ["tags"] = (s, v, p, r) => s with { Tags = Tags(v, p, r) },
        ["weight"] = (s, v, p, r) => Weight(v, p, r, out var weight) ? s with { Weight = weight } : s,
        ["pollInterval"] = (s, v, p, r) =>
            r.Duration(v, p, CatalogLimits.MinPollInterval, CatalogLimits.MaxPollInterval, out var t) ? s with { PollInterval = t } : s,
        ["enabled"] = (s, v, p, r) => r.Boolean(v, p, out var enabled) ? s with { Enabled = enabled } : s,
        ["scrape"] = (s, v, p, r) => ScrapeValidator.Validate(v, p, r) is { } rule ? s with { Scrape = rule } : s,
        ["titleReplace"] = (s, v, p, r) => s with { TitleReplace = TitleCleanupValidator.Replacements(v, p, r) },
        ["titleStripDate"] = (s, v, p, r) => r.Boolean(v, p, out var strip) ? s with { TitleStripDate = strip } : s,
        ["titleStripPrefixes"] = (s, v, p, r) => s with { TitleStripPrefixes = TitleCleanupValidator.Prefixes(v, p, r) },
    });

    public static IReadOnlyList<SourceDefinition> ValidateAll(PositionedValue value, string path, FieldReader read)
    {
        if (!read.Array(value, path, out var array))
        {
            return [];
        }

        var sources = new List<SourceDefinition>();
        var firstIdOffsets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (!read.Object(array.Items[i], itemPath, out var obj))
            {
                continue;
            }

            var source = Validate(obj, itemPath, read);
            if (source.Id.Length == 0)
            {
                continue;
            }

            var idOffset = obj.Find("id")!.Value.Offset;
            if (!firstIdOffsets.TryAdd(source.Id, idOffset))
            {
                read.Diagnostics.Report(
                    idOffset,
                    KeyTable<SourceDefinition>.Join(itemPath, "id"),
                    $"duplicate id '{source.Id}' (first at {read.Diagnostics.Where(firstIdOffsets[source.Id])})");
                continue;
            }

            sources.Add(source);
        }

        return sources;
    }

    // One source; an empty SourceDefinition.Id in the result means the id was missing or invalid.
    private static SourceDefinition Validate(PositionedObject obj, string path, FieldReader read)
    {
        var source = Keys.Apply(obj, path, new SourceDefinition { Id = string.Empty, Name = string.Empty }, read);
        KeyTable<SourceDefinition>.RequireKeys(obj, path, read, "id", "name");

        // Scrape rules read the site, so a source without a feed still needs its listing page.
        if (obj.Find("url") is null && obj.Find("site") is null)
        {
            read.Diagnostics.Report(obj.Offset, path, "needs a url (or a site)");
        }
        else if (obj.Find("scrape") is { } scrape && obj.Find("site") is null)
        {
            read.Diagnostics.Report(scrape.NameOffset, KeyTable<SourceDefinition>.Join(path, "scrape"), "needs the source's site (the listing page the rules read)");
        }

        return source;
    }

    // Ids appear in URLs and storage keys, so they are short lower-case slugs.
    private static bool Id(PositionedValue value, string path, FieldReader read, out string result) =>
        read.String(value, path, out result)
        && read.Check(Slug().IsMatch(result), value, path, $"'{result}' is not a slug (lower-case letters and digits in words joined by single hyphens)")
        && read.Check(result.Length <= CatalogLimits.MaxIdLength, value, path, $"'{result}' is longer than {CatalogLimits.MaxIdLength} characters");

    private static bool Weight(PositionedValue value, string path, FieldReader read, out double result) =>
        read.Number(value, path, out result)
        && read.Check(
            result > 0 && result <= CatalogLimits.MaxWeight,
            value,
            path,
            $"{((PositionedNumber)value).Text} is out of range (greater than 0, at most {CatalogLimits.MaxWeight.ToString(CultureInfo.InvariantCulture)})");

    // Tags are matched case-insensitively everywhere, so they are stored lower-case and once each.
    private static List<string> Tags(PositionedValue value, string path, FieldReader read)
    {
        if (!read.Array(value, path, out var array))
        {
            return [];
        }

        var tags = new List<string>();
        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (read.NonEmptyString(array.Items[i], itemPath, out var tag))
            {
                var normalised = tag.ToLowerInvariant();
                if (!tags.Contains(normalised, StringComparer.Ordinal))
                {
                    tags.Add(normalised);
                }
            }
        }

        return tags;
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
