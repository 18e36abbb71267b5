using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Reads a problem's named arguments from its JSON input, failing with the argument's name.</summary>
internal static partial class InputReader
{
    public static double[] Vector(JsonObject input, string name) =>
        input[name] is JsonArray array
            ? Numbers(array, name, "")
            : throw new ArgumentException($"'{name}' must be an array of numbers", name);

    public static double[][] Matrix(JsonObject input, string name) =>
        input[name] is JsonArray rows
            ? [.. rows.Select((r, i) => r is JsonArray row
                ? Numbers(row, name, $"[{i}]")
                : throw new ArgumentException($"'{name}[{i}]' must be an array of numbers", name))]
            : throw new ArgumentException($"'{name}' must be an array of arrays of numbers", name);

    public static int Integer(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<int>(out var result)
            ? result
            : throw new ArgumentException($"'{name}' must be a whole number", name);

    public static double Number(JsonObject input, string name) => Number(input[name], name);

    public static string Text(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ArgumentException($"'{name}' must be a string", name);

    public static string[] Texts(JsonObject input, string name) =>
        input[name] is JsonArray array
            ? [.. array.Select((n, i) => n is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw new ArgumentException($"'{name}[{i}]' must be a string", name))]
            : throw new ArgumentException($"'{name}' must be an array of strings", name);

    public static JsonArray ToJson(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    public static JsonArray ToJson(IEnumerable<double> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    public static JsonArray ToJson(IEnumerable<double[]> rows) => [.. rows.Select(r => (JsonNode?)ToJson(r))];

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

    // A parsed document holds every number as JSON text; a generated case may hold a C# int or long.
    private static double Number(JsonNode? node, string name) => node switch
    {
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<long>(out var whole) => whole,
        JsonValue value when value.TryGetValue<int>(out var small) => small,
        _ => throw new ArgumentException($"'{name}' must be a number", name),
    };
}
