using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Ingestion.Scraping;

// The text of JSON scalars as a field reads them: strings as they are, numbers and booleans invariant.
internal static class JsonText
{
    public static string? Scalar(JsonNode? node) => node is JsonValue value ? value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    } : null;

    // Every non-empty scalar in node: itself, or the elements of an array of scalars.
    public static IEnumerable<string> Scalars(JsonNode node)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                if (Scalar(element) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
                {
                    yield return text.Trim();
                }
            }
        }
        else if (Scalar(node) is { } text && !string.IsNullOrWhiteSpace(text))
        {
            yield return text.Trim();
        }
    }

    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    // Deep enough for React trees; the parser itself bounds work by the page size cap.
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 1024, AllowTrailingCommas = true };

    public static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text, NodeOptions, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
