using System.Globalization;

namespace AiFeed.Pages;

/// <summary>
/// Dates as the pages print them: relative ("3 h ago", computed from the server's clock so the page
/// reads right without script; reader.js refreshes it) and absolute, in UTC (reader.js rewrites it
/// in the reader's own zone, which the server cannot know).
/// </summary>
public static class ReaderTime
{
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Absolute(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Whether <see cref="Relative"/> gives a distance ("3 h ago") rather than the date itself: only then is the date worth printing beside it.</summary>
    public static bool IsRecent(DateTime utc, DateTime now) => (now - utc).Duration() < RelativeLimit;

    private static readonly TimeSpan RelativeLimit = TimeSpan.FromDays(60);

    public static string Relative(DateTime utc, DateTime now)
    {
        var delta = now - utc;
        var future = delta < TimeSpan.Zero;
        var span = future ? -delta : delta;
        string amount;
        if (span < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        else if (span < TimeSpan.FromHours(1))
        {
            amount = $"{(int)span.TotalMinutes} min";
        }
        else if (span < TimeSpan.FromDays(1))
        {
            amount = $"{(int)span.TotalHours} h";
        }
        else if (span < RelativeLimit)
        {
            var days = (int)span.TotalDays;
            amount = days == 1 ? "1 day" : $"{days} days";
        }
        else
        {
            return utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        }

        return future ? "in " + amount : amount + " ago";
    }
}
