using System.Text.Json.Nodes;
using AiFeed.Catalog;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping;

/// <summary>The JSON a page carries for its scripts, as one root node per kind; null when the page has none.</summary>
internal static class EmbeddedJson
{
    public static JsonNode? Root(IDocument document, EmbeddedData kind) => kind switch
    {
        EmbeddedData.NextData => document.QuerySelector("script#__NEXT_DATA__") is { } script ? JsonText.TryParse(script.TextContent) : null,
        EmbeddedData.LdJson => LdJson(document),
        EmbeddedData.NextFlight => NextFlightData.Read(document),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Describe(EmbeddedData kind) => kind switch
    {
        EmbeddedData.NextData => "a script#__NEXT_DATA__",
        EmbeddedData.LdJson => "application/ld+json scripts",
        EmbeddedData.NextFlight => "Next.js flight data (self.__next_f.push)",
        _ => kind.ToString(),
    };

    // Every block, in page order, as one array; a block that does not parse is skipped like a browser would.
    private static JsonArray? LdJson(IDocument document)
    {
        var blocks = document.QuerySelectorAll("script[type='application/ld+json' i]")
            .Select(s => JsonText.TryParse(s.TextContent))
            .OfType<JsonNode>()
            .ToArray();
        return blocks.Length == 0 ? null : new JsonArray(blocks);
    }
}
