using System.Globalization;
using AiFeed.Model;
using AiFeed.Publishing.Newsletter;

namespace AiFeed.Pages;

/// <summary>The archive page: every issue, newest first, and when the next one is due.</summary>
public sealed record NewsletterArchiveModel(IReadOnlyList<ArchiveRow> Issues, string Schedule, bool SignUpOpen = false);

public sealed record ArchiveRow(string Date, string LongDate, string Subject, int Posts, int Version)
{
    public static ArchiveRow From(FrozenIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var date = DateOnly.ParseExact(issue.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new(issue.Date, date.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture), issue.Subject, issue.PostCount, issue.Version);
    }
}

/// <summary>One issue's web page, read back from the frozen JSON so it shows exactly what was sent.</summary>
public sealed record NewsletterIssueModel(NewsletterIssue Issue, int Versions)
{
    public string Key => NewsletterService.Key(Issue.Date);

    public string LongDate => Issue.Date.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);

    public string PostDate(DateTime utc) =>
        NewsletterCalendar.Local(utc, TimeZoneInfo.FindSystemTimeZoneById(Issue.TimeZone)).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public string Format(string format) => $"/api/newsletter/{Key}?format={format}" + (Versions > 1 ? $"&version={Issue.Version.ToString(CultureInfo.InvariantCulture)}" : "");
}

/// <summary>A step of signing up or leaving: what happened, and the one form that takes the next step (if any).</summary>
public sealed record NewsletterNotice(string Title, string Message, NoticeForm? Form = null, bool IsError = false);

/// <summary>A POST form: a signed token as a hidden field, or else an e-mail field.</summary>
public sealed record NoticeForm(string Action, string Button, string? Token = null, string? Email = null);
