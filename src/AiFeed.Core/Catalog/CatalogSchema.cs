using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Catalog;

/// <summary>
/// The JSON Schema of feeds.json, generated from the validator's key tables: each object's
/// properties are exactly the keys its table accepts, with the ranges of <see cref="CatalogLimits"/>.
/// A key without a description here (or a description without a key) fails generation, so the
/// schema cannot drift from what <c>aifeed validate</c> accepts. <c>aifeed schema</c> prints it.
/// </summary>
public static class CatalogSchema
{
    public const string FileName = "feeds.schema.json";

    private const string DurationPattern = @"^(\d+\.)?\d{2}:\d{2}:\d{2}$";

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> DefaultsFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["pollInterval"] = () => Duration("Poll interval of sources that set none.", CatalogLimits.MinPollInterval, CatalogLimits.MaxPollInterval, new CatalogDefaults().PollInterval),
        ["userAgent"] = () => WithDefault(Text("User-Agent header of every request; no control characters.", nonEmpty: true, noControl: true), new CatalogDefaults().UserAgent),
        ["maxBodyBytes"] = () => Integer("Responses larger than this are refused, in bytes.", CatalogLimits.MinBodyBytes, CatalogLimits.MaxBodyBytes, new CatalogDefaults().MaxBodyBytes),
        ["requestTimeout"] = () => Duration("Deadline for one request, body included.", CatalogLimits.MinRequestTimeout, CatalogLimits.MaxRequestTimeout, new CatalogDefaults().RequestTimeout),
        ["maxConcurrency"] = () => Integer("Sources refreshed at once.", 1, CatalogLimits.MaxConcurrency, new CatalogDefaults().MaxConcurrency),
        ["maxConcurrencyPerHost"] = () => Integer("Sources refreshed at once on one host.", 1, CatalogLimits.MaxConcurrencyPerHost, new CatalogDefaults().MaxConcurrencyPerHost),
        ["maxBackoff"] = () => Duration("Upper bound of the error backoff.", CatalogLimits.MinPollInterval, CatalogLimits.MaxPollInterval, new CatalogDefaults().MaxBackoff),
        ["maxItemsPerFeed"] = () => Integer("Items kept from one document.", 1, CatalogLimits.MaxItemsPerFeed, new CatalogDefaults().MaxItemsPerFeed),
    };

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> TitleReplacementFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["pattern"] = () => new JsonObject
        {
            ["description"] = ".NET regular expression.",
            ["type"] = "string",
            ["pattern"] = @"\S",
            ["maxLength"] = TitleCleanupValidator.MaxPatternLength,
        },
        ["replacement"] = () => WithDefault(Text("What a match becomes: text with $1 or ${name} for groups (default: nothing)."), string.Empty),
    };

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> SourceFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["id"] = () => new JsonObject
        {
            ["description"] = "Unique slug: lower-case letters and digits in words joined by single hyphens.",
            ["type"] = "string",
            ["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*$",
            ["maxLength"] = CatalogLimits.MaxIdLength,
        },
        ["name"] = () => Text("Display name.", nonEmpty: true),
        ["url"] = () => HttpUrl("The feed (RSS, Atom, RDF or JSON Feed)."),
        ["site"] = () => HttpUrl("Home or listing page."),
        ["tags"] = () => new JsonObject
        {
            ["description"] = "Tags for filters and ranking; matched case-insensitively.",
            ["type"] = "array",
            ["items"] = Text("A tag.", nonEmpty: true),
        },
        ["weight"] = () => new JsonObject
        {
            ["description"] = "Ranking weight.",
            ["type"] = "number",
            ["exclusiveMinimum"] = 0,
            ["maximum"] = CatalogLimits.MaxWeight,
            ["default"] = 1,
        },
        ["pollInterval"] = () => Duration("This source's poll interval (the default's when absent).", CatalogLimits.MinPollInterval, CatalogLimits.MaxPollInterval, null),
        ["enabled"] = () => new JsonObject { ["description"] = "False stops polling; posts stay.", ["type"] = "boolean", ["default"] = true },
        ["scrape"] = ScrapeSchema,
        ["titleReplace"] = () => new JsonObject
        {
            ["description"] = "Regex replacements run over every title, in order, after titleStripDate and titleStripPrefixes (.NET regex, case-sensitive unless (?i), 100 ms timeout).",
            ["type"] = "array",
            ["items"] = Object("One replacement.", TitleCleanupValidator.ReplacementKeys.Keys, TitleReplacementFragments, ["pattern"]),
        },
        ["titleStripDate"] = () => new JsonObject
        {
            ["description"] = "Remove a date glued to the start or end of titles (\"Aug 18, 2026Title\"); it dates items that have no date.",
            ["type"] = "boolean",
            ["default"] = false,
        },
        ["titleStripPrefixes"] = () => new JsonObject
        {
            ["description"] = "Labels removed from the start of titles, case aside (\"Science\" turns \"ScienceHow Claude …\" into \"How Claude …\").",
            ["type"] = "array",
            ["items"] = Text("A label.", nonEmpty: true),
        },
    };


    // Fields both scrape modes share.
    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> ScrapeCommonFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["dateFormats"] = () => new JsonObject
        {
            ["description"] = ".NET custom date formats tried in order (e.g. \"MMM d, yyyy\"), before the lenient feed-date parser.",
            ["type"] = "array",
            ["items"] = Text("A .NET custom date format.", nonEmpty: true),
        },
        ["culture"] = () => Text("Culture of the dates, e.g. en-US (default: invariant).", nonEmpty: true),
        ["next"] = () => Text("CSS field of the link to the next (older) page: selector@href.", nonEmpty: true),
        ["maxPages"] = () => Integer("Pages read per poll when next is set.", 1, ScrapeValidator.MaxPages, 3),
    };

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> ScrapeCssFragments = Merge(ScrapeCommonFragments, new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["item"] = () => Text("CSS selector of one post's element.", nonEmpty: true),
        ["title"] = () => CssField("The post's title."),
        ["link"] = () => CssField("The post's link (default: the element's own href or its first link)."),
        ["date"] = () => CssField("The post's date (a <time datetime> is read from its attribute)."),
        ["summary"] = () => CssField("The post's teaser."),
        ["author"] = () => CssField("The post's author."),
        ["tags"] = () => CssField("The post's tags (every match)."),
        ["image"] = () => CssField("The post's image."),
    });

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> ScrapeEmbeddedFragments = Merge(ScrapeCommonFragments, new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["embedded"] = () => new JsonObject
        {
            ["description"] = "Where the page carries its data: nextFlight (self.__next_f.push chunks), nextData (script#__NEXT_DATA__), ldJson (application/ld+json).",
            ["enum"] = new JsonArray([.. ScrapeValidator.EmbeddedNames.Keys.Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]),
        },
        ["items"] = () => Text("Path to the post objects, e.g. ..posts[] or props.pageProps.posts[].", nonEmpty: true),
        ["title"] = () => JsonField("The post's title."),
        ["link"] = () => JsonField("The post's link, e.g. url | /news/{slug.current}."),
        ["date"] = () => JsonField("The post's date."),
        ["summary"] = () => JsonField("The post's teaser."),
        ["author"] = () => JsonField("The post's author."),
        ["tags"] = () => JsonField("The post's tags."),
        ["image"] = () => JsonField("The post's image."),
    });

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> TagFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["name"] = () => new JsonObject
        {
            ["description"] = "The tag's slug, as filters and the API use it.",
            ["type"] = "string",
            ["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*$",
        },
        ["label"] = () => Text("How readers see the tag.", nonEmpty: true),
        ["keywords"] = () => ListOf("Words and phrases matched on word boundaries, case- and accent-insensitively; a trailing * matches any ending; @name stands for a vocabulary list.", Text("A keyword or phrase.", nonEmpty: true)),
        ["exclude"] = () => ListOf("Phrases a keyword match may not fall inside (\"our vision\" for the keyword vision).", Text("A phrase, matched like a keyword.", nonEmpty: true)),
        ["links"] = () => ListOf("Host and path prefixes (e.g. arxiv.org/abs/) matched against the post's own link.", Text("A host with an optional path.", nonEmpty: true)),
        ["regexes"] = () => ListOf(".NET regular expressions (case-insensitive, run with a timeout).", Text("A regular expression.", nonEmpty: true)),
        ["fields"] = () => ListOf("Where to match (default: title, summary, categories).", new JsonObject { ["enum"] = new JsonArray("title", "summary", "categories", "source") }),
    };

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> TaxonomyFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["tags"] = () => ListOf("The tags posts get when their rules match.", Object("One tag: a name and its match rules (keywords, regexes or links). A shipped tag of the same name is replaced.", TaxonomyValidator.TagKeys.Keys, TagFragments, ["name"])),
        ["vocabulary"] = () => new JsonObject
        {
            ["description"] = "Named word lists keywords refer to as @name; a list of the same name as a shipped one replaces it.",
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = Text("A word or phrase.", nonEmpty: true) },
        },
        ["defaults"] = () => new JsonObject { ["description"] = "False: start from no tags instead of the shipped taxonomy.", ["type"] = "boolean", ["default"] = true },
    };

    // Declared after the fragments it refers to: static fields initialise in order.
    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> RootFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["$schema"] = () => Text("The schema editors use for completion and checking (./feeds.schema.json)."),
        ["defaults"] = () => Object("What applies to every source unless it says otherwise.", DefaultsValidator.Keys.Keys, DefaultsFragments, []),
        ["taxonomy"] = () => Object("Tags posts get from what they say, laid over the shipped taxonomy (docs/tags.md).", TaxonomyValidator.RootKeys.Keys, TaxonomyFragments, []),
        ["feeds"] = () => new JsonObject
        {
            ["description"] = "The sources. Ids are unique.",
            ["type"] = "array",
            ["items"] = SourceSchema(),
        },
    };

    /// <summary>
    /// The schema as indented JSON with a final newline (the form of the file in the repository);
    /// relaxed escaping keeps regex patterns readable (the file is never embedded in HTML).
    /// </summary>
    public static string Generate()
    {
        var schema = Object("AiFeed source catalog (feeds.json). Comments and trailing commas are allowed.", CatalogLoader.RootKeys.Keys, RootFragments, ["feeds"]);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://github.com/aifeed/aifeed/feeds.schema.json",
            ["title"] = "AiFeed feeds.json",
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    // The mode is decided by the presence of "embedded", as in ScrapeValidator.
    private static JsonObject ScrapeSchema()
    {
        var css = Object("CSS mode: one element per post.", ScrapeValidator.CssKeys.Keys, ScrapeCssFragments, ["item"]);
        var embedded = Object("Embedded-data mode: the JSON the page carries.", ScrapeValidator.EmbeddedKeys.Keys, ScrapeEmbeddedFragments, ["embedded", "items", "title", "link"]);
        return new JsonObject
        {
            ["description"] = "Rules that read the site's listing page when it has no feed (or the feed fails).",
            ["oneOf"] = new JsonArray(css, embedded),
        };
    }

    private static JsonObject CssField(string description) =>
        Text($"{description} A CSS field: selector, selector@attribute or @attribute (Scrapy's ::text and ::attr() work too).", nonEmpty: true);

    private static JsonObject JsonField(string description) =>
        Text($"{description} A path or {{path}} template; alternatives separated by |.", nonEmpty: true);

    private static Dictionary<string, Func<JsonObject>> Merge(IReadOnlyDictionary<string, Func<JsonObject>> a, Dictionary<string, Func<JsonObject>> b)
    {
        foreach (var (key, value) in a)
        {
            b[key] = value;
        }

        return b;
    }

    private static JsonObject SourceSchema()
    {
        var source = Object("One source.", SourceValidator.Keys.Keys, SourceFragments, ["id", "name"]);

        // The validator's "needs a url (or a site)".
        source["anyOf"] = new JsonArray(
            new JsonObject { ["required"] = new JsonArray("url") },
            new JsonObject { ["required"] = new JsonArray("site") });
        return source;
    }

    private static JsonObject Object(string description, IEnumerable<string> keys, IReadOnlyDictionary<string, Func<JsonObject>> fragments, string[] required)
    {
        var keyList = keys.ToList();
        var undescribed = keyList.Where(k => !fragments.ContainsKey(k)).ToList();
        var stale = fragments.Keys.Where(k => !keyList.Contains(k, StringComparer.Ordinal)).ToList();
        if (undescribed.Count > 0 || stale.Count > 0)
        {
            throw new InvalidOperationException(
                $"CatalogSchema is out of step with the key tables: keys without a schema fragment [{string.Join(", ", undescribed)}], fragments without a key [{string.Join(", ", stale)}]");
        }

        var properties = new JsonObject();
        foreach (var key in keyList.Order(StringComparer.Ordinal))
        {
            properties[key] = fragments[key]();
        }

        var result = new JsonObject
        {
            ["description"] = description,
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        if (required.Length > 0)
        {
            result["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        return result;
    }

    private static JsonObject ListOf(string description, JsonNode items) =>
        new() { ["description"] = description, ["type"] = "array", ["items"] = items };

    private static JsonObject Text(string description, bool nonEmpty = false, bool noControl = false)
    {
        var result = new JsonObject { ["description"] = description, ["type"] = "string" };
        if (noControl)
        {
            result["pattern"] = @"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$";
        }
        else if (nonEmpty)
        {
            result["pattern"] = @"\S";
        }

        return result;
    }

    private static JsonObject HttpUrl(string description) => new()
    {
        ["description"] = description + " Absolute http or https URL.",
        ["type"] = "string",
        ["format"] = "uri",
        ["pattern"] = @"^[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s]*$",
    };

    private static JsonObject Integer(string description, long min, long max, long defaultValue) => new()
    {
        ["description"] = description,
        ["type"] = "integer",
        ["minimum"] = min,
        ["maximum"] = max,
        ["default"] = defaultValue,
    };

    // JSON Schema cannot compare durations: the range is in the description, the shape in the pattern.
    private static JsonObject Duration(string description, TimeSpan min, TimeSpan max, TimeSpan? defaultValue)
    {
        var range = $"{min.ToString("c", CultureInfo.InvariantCulture)} to {max.ToString("c", CultureInfo.InvariantCulture)}";
        var result = new JsonObject
        {
            ["description"] = $"{description} hh:mm:ss or d.hh:mm:ss, {range}.",
            ["type"] = "string",
            ["pattern"] = DurationPattern,
        };
        return defaultValue is { } d ? WithDefault(result, d.ToString("c", CultureInfo.InvariantCulture)) : result;
    }

    private static JsonObject WithDefault(JsonObject fragment, string value)
    {
        fragment["default"] = value;
        return fragment;
    }
}
