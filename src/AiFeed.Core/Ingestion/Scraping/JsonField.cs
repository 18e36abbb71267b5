using System.Text;
using System.Text.Json.Nodes;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// One field of an embedded-data rule: alternatives separated by <c>|</c> (the first that gives a
/// value wins, like jq's <c>//</c>), each a <see cref="JsonPath"/> or a template such as
/// <c>/news/{slug}</c> whose <c>{path}</c> parts are filled from the post object.
/// </summary>
internal sealed class JsonField
{
    private readonly IReadOnlyList<Alternative> alternatives;

    private JsonField(IReadOnlyList<Alternative> alternatives) => this.alternatives = alternatives;

    public static bool TryParse(string text, out JsonField field, out string error)
    {
        var list = new List<Alternative>();
        field = new JsonField(list);
        error = string.Empty;
        foreach (var part in SplitAlternatives(text))
        {
            var trimmed = part.Trim();
            if (trimmed.Length == 0)
            {
                error = "an empty alternative between '|'";
                return false;
            }

            if (!ParseAlternative(trimmed, out var alternative, out error))
            {
                return false;
            }

            list.Add(alternative);
        }

        return true;
    }

    public static JsonField Parse(string text) =>
        TryParse(text, out var field, out var error) ? field : throw new FormatException(error);

    /// <summary>The first non-empty value, trimmed; null when no alternative gives one.</summary>
    public string? First(JsonNode item) => All(item) is { Count: > 0 } values ? values[0] : null;

    /// <summary>Every value of the first alternative that gives any (tags take them all).</summary>
    public IReadOnlyList<string> All(JsonNode item)
    {
        foreach (var alternative in alternatives)
        {
            var values = alternative.Values(item);
            if (values.Count > 0)
            {
                return values;
            }
        }

        return [];
    }

    private static bool ParseAlternative(string text, out Alternative alternative, out string error)
    {
        alternative = null!;
        error = string.Empty;
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            if (!JsonPath.TryParse(text, out var path, out error))
            {
                return false;
            }

            alternative = new PathAlternative(path);
            return true;
        }

        var parts = new List<object>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add(text[i..]);
                break;
            }

            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                error = $"'{{' at {open + 1} has no closing '}}'";
                return false;
            }

            if (open > i)
            {
                parts.Add(text[i..open]);
            }

            if (!JsonPath.TryParse(text[(open + 1)..close].Trim(), out var path, out error))
            {
                error = $"in '{{{text[(open + 1)..close]}}}': {error}";
                return false;
            }

            parts.Add(path);
            i = close + 1;
        }

        alternative = new TemplateAlternative(parts);
        return true;
    }

    // '|' splits alternatives except inside brackets (a filter value may hold one).
    private static List<string> SplitAlternatives(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '[' or '{' => 1, ']' or '}' => -1, _ => 0 };
            if (text[i] == '|' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private abstract class Alternative
    {
        public abstract IReadOnlyList<string> Values(JsonNode item);
    }

    private sealed class PathAlternative(JsonPath path) : Alternative
    {
        public override IReadOnlyList<string> Values(JsonNode item) => [.. path.Select(item).SelectMany(JsonText.Scalars)];
    }

    // Every {path} of a template must resolve: a link with a hole in it is worse than no link.
    private sealed class TemplateAlternative(IReadOnlyList<object> parts) : Alternative
    {
        public override IReadOnlyList<string> Values(JsonNode item)
        {
            var text = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is JsonPath path)
                {
                    var value = path.Select(item).SelectMany(JsonText.Scalars).FirstOrDefault();
                    if (value is null)
                    {
                        return [];
                    }

                    text.Append(value);
                }
                else
                {
                    text.Append((string)part);
                }
            }

            return [text.ToString()];
        }
    }
}
