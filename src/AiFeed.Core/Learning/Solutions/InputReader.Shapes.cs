using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The argument kinds chapters 1-4 add: whole numbers, choices among strings, booleans and 3-D arrays.</summary>
internal static partial class InputReader
{
    public static double[][][] Tensor(JsonObject input, string name) =>
        input[name] is JsonArray blocks
            ? [.. blocks.Select((b, i) => Block(b, name, i))]
            : throw new ArgumentException($"'{name}' must be an array of arrays of arrays of numbers", name);

    /// <summary>Whole numbers, such as token ids, read from a JSON array.</summary>
    public static int[] Integers(JsonObject input, string name) =>
        [.. Vector(input, name).Select((v, i) => v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue
            ? (int)v
            : throw new ArgumentException($"'{name}[{i}]' = {v} is not a whole number", name))];

    /// <summary>A string that must be one of the given choices, such as "left" or "right".</summary>
    public static string Choice(JsonObject input, string name, params string[] choices)
    {
        var text = Text(input, name);
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new ArgumentException($"'{name}' must be one of {string.Join(", ", choices.Select(c => $"\"{c}\""))}, not \"{text}\"", name);
    }

    public static bool Boolean(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<bool>(out var result)
            ? result
            : throw new ArgumentException($"'{name}' must be true or false", name);

    public static JsonArray ToJson(IEnumerable<double[][]> blocks) => [.. blocks.Select(b => (JsonNode?)ToJson(b))];

    private static double[][] Block(JsonNode? node, string name, int index) =>
        node is JsonArray rows
            ? [.. rows.Select((r, j) => r is JsonArray row
                ? Numbers(row, name, $"[{index}][{j}]")
                : throw new ArgumentException($"'{name}[{index}][{j}]' must be an array of numbers", name))]
            : throw new ArgumentException($"'{name}[{index}]' must be an array of arrays of numbers", name);
}
