using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Reads a problem's named arguments from its JSON input, failing with the argument's name.</summary>
internal static class InputReader
{
    public static double[] Vector(JsonObject input, string name) =>
        input[name] is JsonArray array
            ? Numbers(array, name, "")
            : throw new ArgumentException($"'{name}' must be an array of numbers", name);

    public static double[][] Matrix(JsonObject input, string name) => Rows(input[name], name, "");

    public static double[][][] Tensor(JsonObject input, string name) =>
        input[name] is JsonArray blocks
            ? [.. blocks.Select((b, i) => Rows(b, name, $"[{i}]"))]
            : throw new ArgumentException($"'{name}' must be an array of arrays of arrays of numbers", name);

    public static int Integer(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<int>(out var result)
            ? result
            : throw new ArgumentException($"'{name}' must be a whole number", name);

    public static double Number(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<double>(out var result)
            ? result
            : throw new ArgumentException($"'{name}' must be a number", name);

    /// <summary>Whole numbers, such as token ids, read from a JSON array.</summary>
    public static int[] Integers(JsonObject input, string name) =>
        [.. Vector(input, name).Select((v, i) => v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue
            ? (int)v
            : throw new ArgumentException($"'{name}[{i}]' = {v} is not a whole number", name))];

    public static string Text(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<string>(out var result)
            ? result
            : throw new ArgumentException($"'{name}' must be a string", name);

    /// <summary>A string that must be one of the given choices, such as "left" or "right".</summary>
    public static string Choice(JsonObject input, string name, params string[] choices)
    {
        var text = Text(input, name);
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new ArgumentException($"'{name}' must be one of {string.Join(", ", choices.Select(c => $"\"{c}\""))}, not \"{text}\"", name);
    }

    public static string[] Texts(JsonObject input, string name) =>
        input[name] is JsonArray array
            ? [.. array.Select((n, i) => n is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw new ArgumentException($"'{name}[{i}]' must be a string", name))]
            : throw new ArgumentException($"'{name}' must be an array of strings", name);

    public static bool Boolean(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<bool>(out var result)
            ? result
            : throw new ArgumentException($"'{name}' must be true or false", name);

    public static JsonArray ToJson(IEnumerable<double> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    public static JsonArray ToJson(IEnumerable<double[]> rows) => [.. rows.Select(r => (JsonNode?)ToJson(r))];

    public static JsonArray ToJson(IEnumerable<double[][]> blocks) => [.. blocks.Select(b => (JsonNode?)ToJson(b))];

    public static JsonArray ToJson(IEnumerable<string> texts) => [.. texts.Select(t => (JsonNode?)JsonValue.Create(t))];

    private static double[][] Rows(JsonNode? node, string name, string prefix) =>
        node is JsonArray rows
            ? [.. rows.Select((r, i) => r is JsonArray row
                ? Numbers(row, name, $"{prefix}[{i}]")
                : throw new ArgumentException($"'{name}{prefix}[{i}]' must be an array of numbers", name))]
            : throw new ArgumentException($"'{name}{prefix}' must be an array of arrays of numbers", name);

    // The element's name is formatted only on failure: inputs run to 10⁵ numbers.
    private static double[] Numbers(JsonArray array, string name, string prefix)
    {
        var numbers = new double[array.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = array[i] is JsonValue value && value.TryGetValue<double>(out var result)
                ? result
                : throw new ArgumentException($"'{name}{prefix}[{i}]' must be a number", name);
        }

        return numbers;
    }
}
