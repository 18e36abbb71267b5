using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

// Validates the taxonomy object: each tag's keys, unique names, keywords with something to match,
// regexes that compile (with the match timeout every tag regex runs under).
internal static partial class TaxonomyValidator
{
    internal static readonly KeyTable<Taxonomy> RootKeys = new(new Dictionary<string, PropertyHandler<Taxonomy>>(StringComparer.Ordinal)
    {
        ["tags"] = (t, v, p, r) => t with { Tags = ValidateTags(v, p, r) },
    });

    internal static readonly KeyTable<TagDefinition> TagKeys = new(new Dictionary<string, PropertyHandler<TagDefinition>>(StringComparer.Ordinal)
    {
        ["name"] = (t, v, p, r) => Name(v, p, r, out var name) ? t with { Name = name } : t,
        ["label"] = (t, v, p, r) => r.NonEmptyString(v, p, out var label) ? t with { Label = label } : t,
        ["keywords"] = (t, v, p, r) => t with { Keywords = Strings(v, p, r, Keyword) },
        ["regexes"] = (t, v, p, r) => t with { Patterns = Strings(v, p, r, Pattern).Select(Compile).ToList() },
        ["fields"] = (t, v, p, r) => t with { Fields = Fields(v, p, r) },
    });

    public static Taxonomy Validate(PositionedValue value, string path, FieldReader read)
    {
        if (!read.Object(value, path, out var obj))
        {
            return Taxonomy.Empty;
        }

        var taxonomy = RootKeys.Apply(obj, path, Taxonomy.Empty, read);
        KeyTable<Taxonomy>.RequireKeys(obj, path, read, "tags");
        return taxonomy;
    }

    private static List<TagDefinition> ValidateTags(PositionedValue value, string path, FieldReader read)
    {
        var tags = new List<TagDefinition>();
        if (!read.Array(value, path, out var array))
        {
            return tags;
        }

        var firstNames = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (!read.Object(array.Items[i], itemPath, out var obj))
            {
                continue;
            }

            var tag = TagKeys.Apply(obj, itemPath, new TagDefinition { Name = "", Label = "" }, read);
            KeyTable<TagDefinition>.RequireKeys(obj, itemPath, read, "name");
            // Only a tag without either key: a bad keyword or regex has been reported where it is.
            if (obj.Find("keywords") is null && obj.Find("regexes") is null)
            {
                read.Diagnostics.Report(obj.Offset, itemPath, "needs keywords or regexes");
            }

            if (tag.Name.Length == 0)
            {
                continue;
            }

            var nameOffset = obj.Find("name")!.Value.Offset;
            if (!firstNames.TryAdd(tag.Name, nameOffset))
            {
                read.Diagnostics.Report(nameOffset, itemPath + ".name", $"duplicate tag '{tag.Name}' (first at {read.Diagnostics.Where(firstNames[tag.Name])})");
                continue;
            }

            tags.Add(tag.Label.Length == 0 ? tag with { Label = tag.Name } : tag);
        }

        return tags;
    }

    // Tag names appear in URLs (?tag=) and are compared as stored, so they are slugs like source ids.
    private static bool Name(PositionedValue value, string path, FieldReader read, out string result) =>
        read.String(value, path, out result)
        && read.Check(Slug().IsMatch(result), value, path, $"'{result}' is not a tag name (lower-case letters and digits in words joined by single hyphens)");

    private static bool Keyword(string keyword, PositionedValue value, string path, FieldReader read) =>
        read.Check(keyword.Any(char.IsLetterOrDigit), value, path, $"'{keyword}' has no letters or digits")
        && read.Check(!keyword.TrimEnd('*').Contains('*', StringComparison.Ordinal) && !keyword.EndsWith("**", StringComparison.Ordinal), value, path, $"'{keyword}': * may only end the keyword");

    private static bool Pattern(string pattern, PositionedValue value, string path, FieldReader read)
    {
        try
        {
            _ = Compile(pattern);
            return true;
        }
        catch (ArgumentException ex)
        {
            return read.Check(false, value, path, $"invalid regex: {ex.Message}");
        }
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Taxonomy.RegexTimeout);

    private static List<string> Strings(PositionedValue value, string path, FieldReader read, Func<string, PositionedValue, string, FieldReader, bool> check)
    {
        var result = new List<string>();
        if (!read.Array(value, path, out var array))
        {
            return result;
        }

        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (read.NonEmptyString(array.Items[i], itemPath, out var text) && check(text, array.Items[i], itemPath, read))
            {
                result.Add(text);
            }
        }

        return result;
    }

    private static TagFields Fields(PositionedValue value, string path, FieldReader read)
    {
        var fields = TagFields.None;
        if (!read.Array(value, path, out var array))
        {
            return TagFields.Default;
        }

        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (!read.String(array.Items[i], itemPath, out var name))
            {
                continue;
            }

            var field = name switch
            {
                "title" => TagFields.Title,
                "summary" => TagFields.Summary,
                "categories" => TagFields.Categories,
                "source" => TagFields.Source,
                _ => TagFields.None,
            };
            if (read.Check(field != TagFields.None, array.Items[i], itemPath, $"'{name}' is not a field (title, summary, categories, source)"))
            {
                fields |= field;
            }
        }

        return read.Check(array.Items.Count > 0, value, path, "must name at least one field") && fields != TagFields.None ? fields : TagFields.Default;
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
