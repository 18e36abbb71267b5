using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

// Validates the taxonomy object: each tag's keys, unique names, keywords with something to match,
// vocabulary references that resolve, regexes that compile (with the match timeout every tag regex
// runs under), link prefixes; then lays the result over the shipped default (Taxonomy.Default).
internal static partial class TaxonomyValidator
{
    internal static readonly KeyTable<Draft> RootKeys = new(new Dictionary<string, PropertyHandler<Draft>>(StringComparer.Ordinal)
    {
        // Tags are read after the other keys: their @references need the whole vocabulary.
        ["tags"] = (d, v, p, r) => d with { TagsValue = (v, p) },
        ["vocabulary"] = (d, v, p, r) => d with { Vocabulary = ValidateVocabulary(v, p, r) },
        ["defaults"] = (d, v, p, r) => r.Boolean(v, p, out var on) ? d with { Defaults = on } : d,
    });

    internal static readonly KeyTable<TagDraft> TagKeys = new(new Dictionary<string, PropertyHandler<TagDraft>>(StringComparer.Ordinal)
    {
        ["name"] = (t, v, p, r) => Name(v, p, r, out var name) ? t with { Tag = t.Tag with { Name = name } } : t,
        ["label"] = (t, v, p, r) => r.NonEmptyString(v, p, out var label) ? t with { Tag = t.Tag with { Label = label } } : t,
        ["keywords"] = (t, v, p, r) => t with { Tag = t.Tag with { Keywords = Strings(v, p, r, (k, kv, kp, kr) => Keyword(k, kv, kp, kr, t.Vocabulary)) } },
        ["exclude"] = (t, v, p, r) => t with { Tag = t.Tag with { Exclude = Strings(v, p, r, Phrase) } },
        ["regexes"] = (t, v, p, r) => t with { Tag = t.Tag with { Patterns = Strings(v, p, r, Pattern).Select(Compile).ToList() } },
        ["links"] = (t, v, p, r) => t with { Tag = t.Tag with { Links = Strings(v, p, r, Link).Select(TagDefinition.NormalizeLink).ToList() } },
        ["fields"] = (t, v, p, r) => t with { Tag = t.Tag with { Fields = Fields(v, p, r) } },
    });

    private static readonly Lazy<Taxonomy> Shipped = new(LoadDefault);

    internal static Taxonomy Default => Shipped.Value;

    public static Taxonomy Validate(PositionedValue value, string path, FieldReader read) =>
        Validate(value, path, read, Default);

    private static Taxonomy Validate(PositionedValue value, string path, FieldReader read, Taxonomy over)
    {
        if (!read.Object(value, path, out var obj))
        {
            return over;
        }

        var draft = RootKeys.Apply(obj, path, new Draft(), read);
        var vocabulary = new Dictionary<string, IReadOnlyList<string>>(draft.Defaults ? over.Vocabulary : new Dictionary<string, IReadOnlyList<string>>(), StringComparer.Ordinal);
        foreach (var (name, words) in draft.Vocabulary)
        {
            vocabulary[name] = words;
        }

        var own = draft.TagsValue is var (tagsValue, tagsPath) ? ValidateTags(tagsValue, tagsPath, read, vocabulary) : [];
        var byName = own.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var tags = draft.Defaults ? over.Tags.Select(t => byName.GetValueOrDefault(t.Name) ?? t).ToList() : [];
        tags.AddRange(own.Where(t => !tags.Contains(t)));
        return new Taxonomy { Tags = tags, Vocabulary = vocabulary };
    }

    private static Dictionary<string, IReadOnlyList<string>> ValidateVocabulary(PositionedValue value, string path, FieldReader read)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!read.Object(value, path, out var obj))
        {
            return result;
        }

        foreach (var property in obj.Properties)
        {
            var itemPath = KeyTable<Draft>.Join(path, property.Name);
            if (read.Check(Slug().IsMatch(property.Name), value, itemPath, $"'{property.Name}' is not a vocabulary name (lower-case letters and digits in words joined by single hyphens)")
                && read.Check(!result.ContainsKey(property.Name), property.Value, itemPath, "duplicate vocabulary name"))
            {
                result[property.Name] = Strings(property.Value, itemPath, read, Phrase);
            }
        }

        return result;
    }

    private static List<TagDefinition> ValidateTags(PositionedValue value, string path, FieldReader read, IReadOnlyDictionary<string, IReadOnlyList<string>> vocabulary)
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

            var tag = TagKeys.Apply(obj, itemPath, new TagDraft(new TagDefinition { Name = "", Label = "" }, vocabulary), read).Tag;
            KeyTable<TagDraft>.RequireKeys(obj, itemPath, read, "name");
            // Only a tag without any rule: a bad keyword or regex has been reported where it is.
            if (obj.Find("keywords") is null && obj.Find("regexes") is null && obj.Find("links") is null)
            {
                read.Diagnostics.Report(obj.Offset, itemPath, "needs keywords, regexes or links");
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

    private static bool Keyword(string keyword, PositionedValue value, string path, FieldReader read, IReadOnlyDictionary<string, IReadOnlyList<string>> vocabulary) =>
        keyword.StartsWith('@')
            ? read.Check(vocabulary.ContainsKey(keyword[1..]), value, path, $"'{keyword}': no vocabulary list '{keyword[1..]}'")
            : Phrase(keyword, value, path, read);

    private static bool Phrase(string keyword, PositionedValue value, string path, FieldReader read) =>
        read.Check(keyword.Any(char.IsLetterOrDigit), value, path, $"'{keyword}' has no letters or digits")
        && read.Check(!keyword.TrimEnd('*').Contains('*', StringComparison.Ordinal) && !keyword.EndsWith("**", StringComparison.Ordinal), value, path, $"'{keyword}': * may only end the keyword");

    private static bool Link(string link, PositionedValue value, string path, FieldReader read)
    {
        var normalized = TagDefinition.NormalizeLink(link);
        return read.Check(normalized.Length > 0 && !normalized.StartsWith('/') && !normalized.Contains(' ', StringComparison.Ordinal) && normalized.Contains('.', StringComparison.Ordinal), value, path, $"'{link}' is not a host with an optional path (e.g. arxiv.org/abs/)");
    }

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

    // The shipped taxonomy, validated like an operator's; an error in it is a build mistake that
    // TaxonomyValidationTests catches, so here it only stops the process with the positions.
    private static Taxonomy LoadDefault()
    {
        const string Name = "DefaultTaxonomy.json";
        using var stream = typeof(TaxonomyValidator).Assembly.GetManifestResourceStream($"AiFeed.Catalog.{Name}")
            ?? throw new InvalidOperationException($"{Name} is not embedded in {typeof(TaxonomyValidator).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var (taxonomy, errors) = Parse(reader.ReadToEnd(), Name, Taxonomy.Empty);
        return errors.Count == 0 ? taxonomy : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }

    // A taxonomy object on its own (the shipped default), laid over baseTaxonomy.
    internal static (Taxonomy Taxonomy, IReadOnlyList<CatalogError> Errors) Parse(string json, string fileName, Taxonomy baseTaxonomy)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var lines = new LineMap(utf8);
        PositionedValue root;
        try
        {
            root = PositionedJsonReader.Read(utf8);
        }
        catch (Exception ex) when (ex is JsonException or MalformedJsonException)
        {
            return (baseTaxonomy, [new CatalogError(fileName, 1, 1, $"invalid JSON: {ex.Message}")]);
        }

        var diagnostics = new CatalogDiagnostics(fileName, lines);
        var taxonomy = Validate(root, string.Empty, new FieldReader(diagnostics), baseTaxonomy);
        return (taxonomy, diagnostics.InDocumentOrder());
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    // The taxonomy object as read, before it is laid over the default.
    internal sealed record Draft
    {
        public (PositionedValue Value, string Path)? TagsValue { get; init; }

        public Dictionary<string, IReadOnlyList<string>> Vocabulary { get; init; } = new(StringComparer.Ordinal);

        public bool Defaults { get; init; } = true;
    }

    // One tag as read, with the vocabulary its keywords may refer to.
    internal sealed record TagDraft(TagDefinition Tag, IReadOnlyDictionary<string, IReadOnlyList<string>> Vocabulary);
}
