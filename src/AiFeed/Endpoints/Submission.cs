using System.Text.Json;

namespace AiFeed.Endpoints;

/// <summary>
/// A submission body, {"seed": 123, "answers": [...]}, read by hand so that each fault is
/// reported under the field it concerns instead of as one opaque binding failure.
/// </summary>
public static class Submission
{
    public static bool TryRead(JsonElement body, out int seed, out List<JsonElement> answers, out Dictionary<string, string[]> errors)
    {
        seed = 0;
        answers = [];
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object {\"seed\": …, \"answers\": […]}"];
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
}
