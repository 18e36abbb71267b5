using System.Globalization;

namespace AiFeed.Publishing.Newsletter;

/// <summary>Wording and dates the three renderers share, so the formats never disagree.</summary>
internal static class NewsletterText
{
    public const string Brand = "AiFeed Daily";

    public static string LongDate(DateOnly date) => date.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A post's date as a reader of the issue's time zone would write it.</summary>
    public static string PostDate(DateTime utc, NewsletterIssue issue) =>
        NewsletterCalendar.Local(utc, TimeZoneInfo.FindSystemTimeZoneById(issue.TimeZone)).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Byline(NewsletterPost post, NewsletterIssue issue) =>
        post.AlsoIn.Count == 0
            ? $"{post.Source} · {PostDate(post.Date, issue)}"
            : $"{post.Source} · {PostDate(post.Date, issue)} · also in {string.Join(", ", post.AlsoIn)}";

    public static string Tally(SourceTally tally) =>
        $"{tally.Name}: {tally.Posts.ToString(CultureInfo.InvariantCulture)} {(tally.Posts == 1 ? "post" : "posts")}";

    public static string TopHeading(NewsletterIssue issue) =>
        issue.Posts.Count == 0 ? "Top posts since the last issue" : $"Top {issue.Posts.Count.ToString(CultureInfo.InvariantCulture)} since the last issue";

    public const string WeekBestHeading = "The week's best";

    public static string Footer(NewsletterIssue issue) =>
        $"You are reading the {LongDate(issue.Date)} issue of {Brand}. Posts link to their original sites.";

    /// <summary>Only absolute http(s) addresses become links; anything else is printed as text.</summary>
    public static bool IsWeb(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
