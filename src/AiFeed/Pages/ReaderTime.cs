using System.Globalization;

namespace AiFeed.Pages;

/// <summary>
/// Dates as the pages print them: relative ("3 h ago", computed from the server's clock so the page
/// reads right without script; reader.js refreshes it) and absolute, in UTC.
/// </summary>
public static class ReaderTime
{
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Absolute(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

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
        else if (span < TimeSpan.FromDays(60))
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
