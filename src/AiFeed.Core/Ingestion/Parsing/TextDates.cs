using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFeed.Ingestion.Parsing;

/// <summary>A date written somewhere in a text or a URL, where it starts and how precise it is.</summary>
public readonly record struct FoundDate(DateTimeOffset Date, int Index, int Length, bool DayPrecision);

/// <summary>
/// Finds the dates listing pages print next to their posts ("Aug 18, 2026", "18 August 2026",
/// "2026-08-18", "2026/08/18") inside longer text, also when the page glues them to the words around
/// them ("Aug 18, 2026ScienceHow Claude is …", the text public generated feeds carry), and the dates
/// blogs put in their URLs (/2026/08/18/slug, /2026-08-18-slug, /2026/08/slug). English month names
/// only, as the sites of our catalog write them; numeric day-first or month-first dates are ambiguous
/// and left alone. Times of day are not read: a listing prints days.
/// </summary>
public static partial class TextDates
{
    // A month name may follow a lower-case letter only when it starts with a capital ("ProductAug 7"):
    // a boundary otherwise, so "bemay 2026" is no date.
    private const string MonthNames =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    // A month name may follow a lower-case letter only when it starts with a capital ("ProductAug 7"):
    // a word boundary otherwise, so "dismay 2026" is no date.
    private const string Month =
        @"(?:(?<![A-Za-z])(?i:(?<mon>" + MonthNames + @"))|(?<=[a-z])(?=[A-Z])(?i:(?<mon>" + MonthNames + @")))(?![a-z])\.?";

    private const string Year = @"(?<year>(?:19|20)\d{2})(?!\d)";

    private const string Day = @"(?<day>[0-3]?\d)(?:st|nd|rd|th)?";

    /// <summary>The first date with a day in <paramref name="text"/>, else the first "Month yyyy"; null when none.</summary>
    public static FoundDate? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        FoundDate? best = null;
        foreach (var pattern in DayPatterns)
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (ToDate(match) is { } date && (best is null || match.Index < best.Value.Index))
                {
                    best = new FoundDate(date, match.Index, match.Length, DayPrecision: true);
                    break;
                }
            }
        }

        if (best is not null)
        {
            return best;
        }

        foreach (Match match in MonthYear().Matches(text))
        {
            if (ToDate(match) is { } date)
            {
                return new FoundDate(date, match.Index, match.Length, DayPrecision: false);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="text"/> is a date and little else (a label such as "Published", a reading time).</summary>
    public static bool IsMostlyDate(string text) =>
        Find(text) is { } found && text.Length - found.Length <= 24;

    /// <summary>The date in a URL's path: /yyyy/mm/dd/, yyyy-mm-dd in a segment, or /yyyy/mm/ (month precision).</summary>
    public static FoundDate? FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.AbsolutePath;
        foreach (var pattern in (Regex[])[UrlDay(), UrlDashed()])
        {
            if (pattern.Match(path) is { Success: true } match && ToDate(match) is { } date)
            {
                return new FoundDate(date, match.Index, match.Length, DayPrecision: true);
            }
        }

        return UrlMonth().Match(path) is { Success: true } month && ToDate(month) is { } first
            ? new FoundDate(first, month.Index, month.Length, DayPrecision: false)
            : null;
    }

    /// <summary>
    /// <paramref name="title"/> without a date that starts or ends it (and the separators around it);
    /// the title unchanged when it has none there, or when nothing would be left.
    /// </summary>
    public static string StripFromEdges(string title, out FoundDate? removed)
    {
        ArgumentNullException.ThrowIfNull(title);
        removed = null;
        var trimmed = title.Trim();
        foreach (var pattern in (Regex[])[.. DayPatterns, MonthYear()])
        {
            foreach (Match match in pattern.Matches(trimmed))
            {
                var before = trimmed[..match.Index];
                var after = trimmed[(match.Index + match.Length)..];
                var rest = IsSeparators(before) ? after : IsSeparators(after) ? before : null;
                if (rest is null || ToDate(match) is not { } date)
                {
                    continue;
                }

                rest = rest.Trim().Trim(Separators).Trim();
                if (rest.Any(char.IsLetterOrDigit))
                {
                    removed = new FoundDate(date, match.Index, match.Length, pattern != MonthYear());
                    return rest;
                }
            }
        }

        return title;
    }

    private static readonly char[] Separators = ['·', '•', '|', '-', '–', '—', ',', ':', '/', ' ', '\u00a0'];

    private static Regex[] DayPatterns => [MonthDayYear(), DayMonthYear(), Iso(), Slashed()];

    private static bool IsSeparators(string text) => text.All(c => char.IsWhiteSpace(c) || Array.IndexOf(Separators, c) >= 0);

    private static DateTimeOffset? ToDate(Match match)
    {
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        int month;
        if (match.Groups["mon"].Success)
        {
            if (!LenientDates.TryMonth(match.Groups["mon"].Value, out month))
            {
                return null;
            }
        }
        else
        {
            month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        }

        var day = match.Groups["day"].Success ? int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture) : 1;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero)
            : null;
    }

    [GeneratedRegex(Month + @"\s*" + Day + @"(?!\d),?\s*" + Year, RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"(?<!\d)" + Day + @"\s*(?:of\s+)?" + Month + @",?\s*" + Year, RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"(?<!\d)" + Year + @"-(?<month>[01]\d)-(?<day>[0-3]\d)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?<!\d)" + Year + @"[/.](?<month>[01]?\d)[/.](?<day>[0-3]?\d)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Slashed();

    [GeneratedRegex(Month + @",?\s*" + Year, RegexOptions.CultureInvariant)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"/" + Year + @"/(?<month>[01]?\d)/(?<day>[0-3]?\d)(?=/|$|[-_.])", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDay();

    [GeneratedRegex(@"(?<![\d])" + Year + @"-(?<month>[01]\d)-(?<day>[0-3]\d)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDashed();

    [GeneratedRegex(@"/" + Year + @"/(?<month>[01]?\d)(?=/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlMonth();
}
