using System.Globalization;

namespace AiFeed.Catalog;

// The date side of a scrape rule: its culture and its .NET custom date formats.
internal static class ScrapeDateValidator
{
    public static bool Culture(PositionedValue value, string path, FieldReader read, out string result)
    {
        if (!read.NonEmptyString(value, path, out result))
        {
            return false;
        }

        try
        {
            _ = CultureInfo.GetCultureInfo(result, predefinedOnly: true);
            return true;
        }
        catch (CultureNotFoundException)
        {
            return read.Check(false, value, path, $"'{result}' is not a known culture (such as en-US, fr-FR, de-DE)");
        }
    }

    // After the walk, because "culture" may come after "dateFormats" in the file. A format is good
    // when a known date written with it reads back as the same day.
    public static bool CheckFormats(PositionedObject obj, string path, FieldReader read, ScrapeRule rule)
    {
        if (obj.Find("dateFormats")?.Value is not PositionedArray array)
        {
            return true;
        }

        var culture = rule.Culture is null ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(rule.Culture);
        var sample = new DateTime(2026, 3, 23, 16, 5, 0, DateTimeKind.Utc);
        var ok = true;
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not PositionedString { Value: var format } || format.Trim().Length == 0)
            {
                continue;
            }

            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.dateFormats[{i}]");
            ok &= read.Check(RoundTrips(format.Trim(), culture, sample), array.Items[i], itemPath, $"'{format}' is not a usable date format (see .NET custom date and time formats, e.g. MMM d, yyyy)");
        }

        return ok;
    }

    private static bool RoundTrips(string format, CultureInfo culture, DateTime sample)
    {
        try
        {
            var text = sample.ToString(format, culture);
            return DateTime.TryParseExact(text, format, culture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out var back)
                && back.Day == sample.Day
                && format.Any(c => c is 'd' or 'M' or 'y');
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
