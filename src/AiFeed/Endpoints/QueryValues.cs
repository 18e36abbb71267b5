using System.Globalization;
using AiFeed.Learning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// The one parser of query and route values. Endpoints bind them as text and read them here, so a
/// bad value becomes a 400 ValidationProblem that names its parameter and says what was expected
/// (typed binding answers "Failed to bind parameter" without either). Each method returns the
/// value, or the fallback after recording the error under the parameter's name.
/// </summary>
public sealed class QueryValues
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool HasErrors => Errors.Count > 0;

    public bool Has(string name) => Errors.ContainsKey(name);

    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors);

    /// <summary>Records an error found by the endpoint's own rule; the first one per name stays.</summary>
    public void Add(string name, string message) => Errors.TryAdd(name, [message]);

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/> in ASCII digits (no sign,
    /// no spaces), even when asked; <paramref name="expected"/> replaces "a whole number from … to …".
    /// </summary>
    public int Whole(string? value, string name, int fallback, int min, int max, bool even = false, string? expected = null)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max && (!even || number % 2 == 0))
        {
            return number;
        }

        Add(name, $"'{value}' is not {expected ?? $"{(even ? "an even" : "a")} whole number from {min} to {max}"}");
        return fallback;
    }

    public bool Boolean(string? value, string name, bool fallback = false)
    {
        if (value is null)
        {
            return fallback;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        Add(name, $"'{value}' is not true or false");
        return fallback;
    }

    /// <summary>An ISO 8601 date or date-time, UTC when it names no offset.</summary>
    public DateTime? Instant(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        Add(name, $"'{value}' is not an ISO 8601 date or date-time");
        return null;
    }

    /// <summary>A day as yyyy-MM-dd, not before <paramref name="from"/>; <paramref name="orElse"/> names what else the parameter takes.</summary>
    public DateOnly? Day(string? value, string name, DateOnly? from = null, string? orElse = null)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && (from is null || day >= from))
        {
            return day;
        }

        var since = from is { } first ? $" from {first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} on" : string.Empty;
        Add(name, $"'{value}' is not a date in the form yyyy-MM-dd{since}{(orElse is null ? string.Empty : $", or {orElse}")}");
        return null;
    }

    /// <summary>One of a fixed set of words, compared exactly; <paramref name="expected"/> lists them for the message.</summary>
    public T OneOf<T>(string? value, string name, T fallback, Func<string?, T?> parse, string expected)
        where T : struct
    {
        if (parse(value) is { } result)
        {
            return result;
        }

        Add(name, $"'{value}' is not {expected}");
        return fallback;
    }

    /// <inheritdoc cref="OneOf{T}(string?, string, T, Func{string?, T?}, string)"/>
    public string OneOf(string? value, string name, string fallback, IEnumerable<string> allowed)
    {
        var words = allowed.ToList();
        if (value is null || words.Contains(value, StringComparer.Ordinal))
        {
            return value ?? fallback;
        }

        Add(name, $"'{value}' is not one of {string.Join(", ", words)}");
        return fallback;
    }

    /// <summary>The colours of a drawing: ?theme= auto (the default), light or dark.</summary>
    public SvgTheme Theme(string? value) => OneOf(value, "theme", SvgTheme.Auto, SvgThemes.Parse, "auto, light or dark");

    /// <summary>Repeated and comma-separated values (?tag=a,b&amp;tag=c), trimmed, without blanks or repeats.</summary>
    public static List<string> List(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    /// <summary><see cref="List"/> in lower case: tags are matched without case.</summary>
    public static List<string> Tags(string[]? values) =>
        [.. List(values).Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
}
