using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiFeed.Endpoints;

/// <summary>
/// A submission body, {"seed": 123, "answers": [...]}, read by hand so that each fault is reported
/// under the field it concerns, in words a learner can act on: where the JSON breaks (line and
/// column, and the answer it was in), that NaN and Infinity are not JSON, how deep is too deep.
/// </summary>
public static class Submission
{
    /// <summary>An answer is at most a matrix of matrices; the body adds two levels.</summary>
    public const int MaxDepth = 8;

    private const string Shape = "{\"seed\": …, \"answers\": […]}";

    private static readonly string[] NonNumbers = ["-Infinity", "+Infinity", "Infinity", "-inf", "inf", "NaN", "nan"];

    public static bool TryRead(ReadOnlySpan<byte> utf8, out int seed, out List<JsonElement> answers, out Dictionary<string, string[]> errors)
    {
        seed = 0;
        answers = [];
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors["body"] = [$"the body is empty; send {Shape} as application/json"];
            return false;
        }

        if (Validate(utf8) is { } fault)
        {
            errors[fault.Key] = [fault.Message];
            return false;
        }

        var body = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth + 1 }).RootElement.Clone();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"must be a JSON object {Shape}, not {Kind(body)}"];
            return false;
        }

        if (!body.TryGetProperty("seed", out var seedElement) || seedElement.ValueKind != JsonValueKind.Number
            || !seedElement.TryGetInt32(out seed) || seed < 0)
        {
            errors["seed"] = ["must be the whole number from 0 to 2147483647 that the test set was generated with"];
        }

        if (!body.TryGetProperty("answers", out var answersElement) || answersElement.ValueKind != JsonValueKind.Array)
        {
            errors["answers"] = ["must be an array with one answer per test case, in order"];
        }
        else
        {
            answers = [.. answersElement.EnumerateArray()];
        }

        return errors.Count == 0;
    }

    /// <summary>
    /// Reads the body token by token, keeping the path, so a syntax error or excessive nesting is
    /// reported at the answer it is in; null when the body is well-formed JSON.
    /// </summary>
    private static (string Key, string Message)? Validate(ReadOnlySpan<byte> utf8)
    {
        // The reader's own limit is left above ours so that our check, which knows the path, speaks first.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 2 });
        var path = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path[^1].Property = reader.GetString();
                        break;
                    case JsonTokenType.StartArray or JsonTokenType.StartObject:
                        Advance(path);
                        if (path.Count >= MaxDepth)
                        {
                            return (Key(path, pending: false), $"nested deeper than {MaxDepth} levels at line {Line(utf8, reader.TokenStartIndex)}; an answer is a number or an array of numbers (a vector or a matrix)");
                        }

                        path.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject:
                        path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            var at = $"line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}";
            var key = Key(path, pending: true);
            return NonNumber(utf8[(int)reader.BytesConsumed..]) is { } literal
                ? (key, $"{literal} at {at} is not JSON and never a correct answer: a NaN or an infinity means the computation broke down (0/0, ln 0, an overflowing exp)")
                : (key, $"the body is not valid JSON at {at}: {Reason(ex.Message)}");
        }

        return null;
    }

    private static void Advance(List<Frame> path)
    {
        if (path.Count > 0 && path[^1].Array)
        {
            path[^1].Index++;
        }
    }

    // "answers[3][1]" for the value being read (pending: the next one in an array), "body" at the top.
    private static string Key(List<Frame> path, bool pending)
    {
        var key = new StringBuilder();
        for (var i = 0; i < path.Count; i++)
        {
            var frame = path[i];
            if (frame.Array)
            {
                var index = pending && i == path.Count - 1 ? frame.Index + 1 : frame.Index;
                key.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else if (frame.Property is not null)
            {
                key.Append(key.Length == 0 ? "" : ".").Append(frame.Property);
            }
        }

        return key.Length == 0 || key[0] == '[' ? "body" + key : key.ToString();
    }

    // The NaN or Infinity literal a language's JSON writer emits for a non-finite number, if that is what broke the parse.
    private static string? NonNumber(ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimStart(" \t\r\n,:[{"u8);
        foreach (var literal in NonNumbers)
        {
            if (rest.StartsWith(Encoding.ASCII.GetBytes(literal)))
            {
                return literal;
            }
        }

        return null;
    }

    private static int Line(ReadOnlySpan<byte> utf8, long index) => utf8[..(int)index].Count((byte)'\n') + 1;

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 5."; the message already says where.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => element.GetRawText(),
    };

    private sealed class Frame(bool array)
    {
        public bool Array { get; } = array;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
