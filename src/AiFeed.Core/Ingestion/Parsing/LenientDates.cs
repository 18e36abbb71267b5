using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Parses the dates real feeds and pages carry: RFC 822 variants (named zones, comments, wrong
/// weekdays, "Sept", two-digit years, no seconds) and ISO 8601 variants (lower-case t/z, space,
/// no seconds, date only). Always invariant culture; a missing zone means UTC. Results are in UTC.
/// </summary>
public static partial class LenientDates
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH",
        "yyyy-MM-dd",
        "yyyy-MM",
        "yyyy",
        "yyyyMMdd'T'HHmmss.FFFFFFFzzz",
        "yyyyMMdd'T'HHmmss.FFFFFFF",
        "yyyyMMdd",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = Comment().Replace(text, " ").Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (TryParseIso(trimmed, out value) || TryParseRfc822(trimmed, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        // Last resort for anything else (e.g. "June 10, 2003"); invariant culture so servers agree.
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    private static bool TryParseIso(string text, out DateTimeOffset value)
    {
        value = default;
        var match = IsoShape().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var date = match.Groups["date"].Value;
        var time = match.Groups["time"].Value.Replace(',', '.');
        var dot = time.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && time.Length - dot > 8)
        {
            // .NET takes at most seven fraction digits; finer precision is noise for a feed.
            time = time[..(dot + 8)];
        }

        var zone = match.Groups["zone"].Value.ToUpperInvariant();
        var normalised = time.Length == 0 ? date : date + "T" + time;
        if (zone.Length > 0 && zone != "Z")
        {
            // ±hh, ±hhmm and ±hh:mm all become ±hh:mm for the zzz specifier.
            var digits = zone.Replace(":", string.Empty, StringComparison.Ordinal);
            zone = digits.Length == 3 ? digits + ":00" : digits[..3] + ":" + digits[3..];
            normalised += zone;
        }
        else if (zone == "Z")
        {
            normalised += "+00:00";
        }

        return DateTimeOffset.TryParseExact(normalised, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryParseRfc822(string text, out DateTimeOffset value)
    {
        value = default;

        // The weekday is noise (and often wrong): drop everything up to the comma, or a leading day name.
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0 && comma < 12 && !char.IsDigit(text[0]))
        {
            text = text[(comma + 1)..];
        }

        var tokens = text.Split([' ', '\t', ',', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var index = 0;
        if (tokens.Length > 0 && char.IsLetter(tokens[0][0]) && !TryMonth(tokens[0], out _) && tokens[0].Length >= 3)
        {
            index++;
        }

        if (tokens.Length - index < 3)
        {
            return false;
        }

        int month = 0;
        var dayFirst = int.TryParse(tokens[index], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && TryMonth(tokens[index + 1], out month);

        // "Jun 10 2003" / "June 10, 2003" put the month first.
        if (!dayFirst && !(TryMonth(tokens[index], out month) && int.TryParse(tokens[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out day)))
        {
            return false;
        }

        if (!int.TryParse(tokens[index + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        if (tokens[index + 2].Length <= 2)
        {
            // RFC 2822 section 4.3: 00-49 are 2000s, 50-99 are 1900s.
            year += year < 50 ? 2000 : 1900;
        }

        index += 3;
        int hour = 0, minute = 0, second = 0;
        if (index < tokens.Length && tokens[index].Contains(':', StringComparison.Ordinal))
        {
            var parts = tokens[index].Split(':');
            if (parts.Length < 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
                || (parts.Length > 2 && !int.TryParse(parts[2].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out second)))
            {
                return false;
            }

            index++;
        }

        var offset = TimeSpan.Zero;
        if (index < tokens.Length && !TryZone(tokens[index], out offset))
        {
            offset = TimeSpan.Zero;
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // A leap second (":60") is clamped rather than rejected.
        value = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset);
        return true;
    }

    internal static bool TryMonth(string token, out int month)
    {
        month = 0;
        if (token.Length < 3 || !char.IsLetter(token[0]))
        {
            return false;
        }

        // The first three letters decide: "Jun", "June", "Sept", "sep." all work.
        month = token[..3].ToUpperInvariant() switch
        {
            "JAN" => 1,
            "FEB" => 2,
            "MAR" => 3,
            "APR" => 4,
            "MAY" => 5,
            "JUN" => 6,
            "JUL" => 7,
            "AUG" => 8,
            "SEP" => 9,
            "OCT" => 10,
            "NOV" => 11,
            "DEC" => 12,
            _ => 0,
        };
        return month != 0;
    }

    private static bool TryZone(string token, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var zone = token.Trim('(', ')', '.');
        if (zone.Length > 0 && (zone[0] == '+' || zone[0] == '-'))
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length is 2 or 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                var hours = digits.Length == 2 ? n : n / 100;
                var minutes = digits.Length == 2 ? 0 : n % 100;
                if (hours > 14 || minutes > 59)
                {
                    return false;
                }

                offset = new TimeSpan(hours, minutes, 0);
                if (zone[0] == '-')
                {
                    offset = -offset;
                }

                return true;
            }

            return false;
        }

        // "GMT+2" style and military letters other than Z are too unreliable to use (RFC 1123 5.2.14): UTC.
        return TimeZoneAbbreviations.TryGetOffset(zone, out offset);
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<date>\d{4}(?:-\d{2}(?:-\d{2})?|\d{4})?)(?:[Tt ](?<time>\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?))?\s*(?<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex IsoShape();
}
