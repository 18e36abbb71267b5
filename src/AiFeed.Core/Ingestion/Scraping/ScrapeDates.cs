using System.Globalization;
using AiFeed.Ingestion.Parsing;

namespace AiFeed.Ingestion.Scraping;

/// <summary>A scraped date: the rule's formats in the rule's culture first, then the lenient feed-date parser.</summary>
internal sealed class ScrapeDates(IReadOnlyList<string> formats, string? culture)
{
    private readonly string[] formats = [.. formats];
    private readonly CultureInfo culture = culture is null ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture);

    /// <summary>Null when the text is no date we can read: never "now".</summary>
    public DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (formats.Length > 0
            && DateTimeOffset.TryParseExact(trimmed, formats, culture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact.ToUniversalTime();
        }

        return LenientDates.TryParse(trimmed, out var lenient) ? lenient : null;
    }
}
