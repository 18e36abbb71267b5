using System.Globalization;
using AiFeed.Ingestion.Scraping;

namespace AiFeed.Catalog;

// Validates a source's "scrape" object. Selectors and paths are checked with the very parsers the
// scraper runs (AngleSharp's selector parser, our JsonPath), so a rule that validates is a rule that
// runs; that is why the catalog reaches into Scraping here and nowhere else.
internal static class ScrapeValidator
{
    internal const int MaxPages = 20;

    internal static readonly Dictionary<string, EmbeddedData> EmbeddedNames = new(StringComparer.Ordinal)
    {
        ["nextData"] = EmbeddedData.NextData,
        ["ldJson"] = EmbeddedData.LdJson,
        ["nextFlight"] = EmbeddedData.NextFlight,
    };

    internal static readonly KeyTable<ScrapeRule> CssKeys = new(Table(
        ("item", (s, v, p, r) => Selector(v, p, r, out var item) ? s with { Items = item } : s),
        ("title", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Title = f } : s),
        ("link", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Link = f } : s),
        ("date", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Date = f } : s),
        ("summary", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Summary = f } : s),
        ("author", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Author = f } : s),
        ("tags", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Tags = f } : s),
        ("image", (s, v, p, r) => Css(v, p, r, out var f) ? s with { Image = f } : s)));

    internal static readonly KeyTable<ScrapeRule> EmbeddedKeys = new(Table(
        ("embedded", (s, v, p, r) => Embedded(v, p, r, out var kind) ? s with { Embedded = kind } : s),
        ("items", (s, v, p, r) => Path(v, p, r, out var items) ? s with { Items = items } : s),
        ("title", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Title = f } : s),
        ("link", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Link = f } : s),
        ("date", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Date = f } : s),
        ("summary", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Summary = f } : s),
        ("author", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Author = f } : s),
        ("tags", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Tags = f } : s),
        ("image", (s, v, p, r) => Json(v, p, r, out var f) ? s with { Image = f } : s)));

    // The mode is decided by the presence of "embedded", so keys of the other mode are "unknown"
    // (with a suggestion) rather than silently ignored.
    public static ScrapeRule? Validate(PositionedValue value, string path, FieldReader read)
    {
        if (!read.Object(value, path, out var obj))
        {
            return null;
        }

        var embedded = obj.Find("embedded") is not null;
        var rule = (embedded ? EmbeddedKeys : CssKeys).Apply(obj, path, new ScrapeRule { Items = string.Empty }, read);
        var complete = embedded
            ? KeyTable<ScrapeRule>.RequireKeys(obj, path, read, "items", "title", "link")
            : KeyTable<ScrapeRule>.RequireKeys(obj, path, read, "item");
        var datesOk = ScrapeDateValidator.CheckFormats(obj, path, read, rule);
        if (obj.Find("maxPages") is { } maxPages && rule.Next is null)
        {
            read.Diagnostics.Report(maxPages.NameOffset, KeyTable<ScrapeRule>.Join(path, "maxPages"), "has no effect without 'next'");
            return null;
        }

        if (rule.Next is not null && obj.Find("maxPages") is null)
        {
            // A next link without a limit reads a few pages: enough for a first fill, polite to the site.
            rule = rule with { MaxPages = 3 };
        }

        return complete && datesOk ? rule : null;
    }

    private static Dictionary<string, PropertyHandler<ScrapeRule>> Table(params (string Key, PropertyHandler<ScrapeRule> Handler)[] modeKeys)
    {
        var table = new Dictionary<string, PropertyHandler<ScrapeRule>>(StringComparer.Ordinal)
        {
            ["dateFormats"] = (s, v, p, r) => s with { DateFormats = Strings(v, p, r) },
            ["culture"] = (s, v, p, r) => ScrapeDateValidator.Culture(v, p, r, out var c) ? s with { Culture = c } : s,
            ["next"] = (s, v, p, r) => Css(v, p, r, out var f) ? s with { Next = f } : s,
            ["maxPages"] = (s, v, p, r) => r.Integer(v, p, 1, MaxPages, out var n) ? s with { MaxPages = (int)n } : s,
        };
        foreach (var (key, handler) in modeKeys)
        {
            table[key] = handler;
        }

        return table;
    }

    private static bool Selector(PositionedValue value, string path, FieldReader read, out string result) =>
        read.NonEmptyString(value, path, out result)
        && read.Check(result.Length <= CssField.MaxSelectorLength, value, path, $"a selector may be at most {CssField.MaxSelectorLength} characters long")
        && read.Check(CssField.IsSelector(result), value, path, $"`{result}` is not a valid CSS selector");

    private static bool Css(PositionedValue value, string path, FieldReader read, out string result)
    {
        if (!read.String(value, path, out result))
        {
            return false;
        }

        return read.Check(CssField.TryParse(result, out _, out var error), value, path, error);
    }

    private static bool Path(PositionedValue value, string path, FieldReader read, out string result)
    {
        if (!read.String(value, path, out result))
        {
            return false;
        }

        return read.Check(JsonPath.TryParse(result, out _, out var error), value, path, $"`{result}` is not a valid path: {error}");
    }

    private static bool Json(PositionedValue value, string path, FieldReader read, out string result)
    {
        if (!read.NonEmptyString(value, path, out result))
        {
            return false;
        }

        return read.Check(JsonField.TryParse(result, out _, out var error), value, path, $"`{result}` is not a valid path or template: {error}");
    }

    private static bool Embedded(PositionedValue value, string path, FieldReader read, out EmbeddedData result)
    {
        result = default;
        if (!read.String(value, path, out var text))
        {
            return false;
        }

        return read.Check(EmbeddedNames.TryGetValue(text, out result), value, path, $"'{text}' is not one of {string.Join(", ", EmbeddedNames.Keys)}");
    }

    private static List<string> Strings(PositionedValue value, string path, FieldReader read)
    {
        var result = new List<string>();
        if (!read.Array(value, path, out var array))
        {
            return result;
        }

        for (var i = 0; i < array.Items.Count; i++)
        {
            if (read.NonEmptyString(array.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), out var text))
            {
                result.Add(text);
            }
        }

        return result;
    }
}
