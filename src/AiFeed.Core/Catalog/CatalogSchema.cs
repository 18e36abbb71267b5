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
    };

    // Declared after the fragments it refers to: static fields initialise in order.
    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> RootFragments = new Dictionary<string, Func<JsonObject>>(StringComparer.Ordinal)
    {
        ["$schema"] = () => Text("The schema editors use for completion and checking (./feeds.schema.json)."),
        ["defaults"] = () => Object("What applies to every source unless it says otherwise.", DefaultsValidator.Keys.Keys, DefaultsFragments, []),
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
