using System.Globalization;
using AiFeed.Model;
using AiFeed.Publishing.Newsletter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// The daily newsletter for mailing systems: an issue per date as JSON, e-mail HTML, Markdown or
/// text. Reading never composes: the daily schedule freezes each day's issue, and the admin API
/// composes (or regenerates) one on request (see AdminApi). A GET that composed froze an issue for
/// every date a crawler walked, forever (issue 21).
/// </summary>
public static class NewsletterApi
{
    /// <summary>The e-mail HTML needs its inline styles and nothing else: no script, no remote anything.</summary>
    public const string HtmlContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public const int ArchiveLimit = 366;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["json"] = "application/json; charset=utf-8",
        ["html"] = "text/html; charset=utf-8",
        ["md"] = "text/markdown; charset=utf-8",
        ["txt"] = "text/plain; charset=utf-8",
    };

    public static RouteGroupBuilder MapNewsletterApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/newsletter").WithTags("Newsletter");
        group.MapGet("/", ListAsync).WithName("ListNewsletterIssues");
        group.MapGet("/{date}", GetAsync).WithName("GetNewsletterIssue")
            .Produces<NewsletterIssue>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/html", "text/markdown", "text/plain");
        group.MapGet("/{date}/versions", VersionsAsync).WithName("GetNewsletterVersions");
        routes.MapNewsletterSubscriptionsApi();
        return group;
    }

    public static async Task<Ok<ArchiveDto>> ListAsync(NewsletterService newsletter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        var issues = await newsletter.ListAsync(ArchiveLimit, cancellationToken);
        return TypedResults.Ok(new ArchiveDto([.. issues.Select(VersionDto.From)]));
    }

    /// <summary>
    /// GET /api/newsletter/{date|latest}?format=json|html|md|txt&amp;version=N ("latest" is the newest
    /// issue). 400 for a date outside the archive (before its first issue, after today), 404 for a
    /// date in it without an issue.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        string date, string? format, string? version, NewsletterService newsletter, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        ArgumentNullException.ThrowIfNull(response);
        var values = new QueryValues();
        var day = await ArchiveDateAsync(date, newsletter, values, cancellationToken);
        var kind = values.OneOf(format, "format", "json", ContentTypes.Keys);
        var number = values.Whole(version, "version", 0, 1, int.MaxValue, expected: "a version number (1, 2, …)");
        if (values.HasErrors)
        {
            return values.Problem();
        }

        if (day is not { } found)
        {
            return NoIssueYet();
        }

        var issue = version is null
            ? await newsletter.GetAsync(found, cancellationToken)
            : await newsletter.GetVersionAsync(found, number, cancellationToken);
        if (issue is null)
        {
            return version is null
                ? TypedResults.Problem($"there is no issue of {NewsletterService.Key(found)}: issues are composed by the daily schedule or through the admin API, never by reading", statusCode: StatusCodes.Status404NotFound, title: "Issue not found")
                : TypedResults.Problem($"the issue of {NewsletterService.Key(found)} has no version {number}", statusCode: StatusCodes.Status404NotFound, title: "Version not found");
        }

        if (kind == "html")
        {
            response.Headers.ContentSecurityPolicy = HtmlContentSecurityPolicy;
        }

        return TypedResults.Text(Body(issue, kind), ContentTypes[kind]);
    }

    public static async Task<Results<Ok<VersionsDto>, ValidationProblem, ProblemHttpResult>> VersionsAsync(string date, NewsletterService newsletter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        var values = new QueryValues();
        var day = await ArchiveDateAsync(date, newsletter, values, cancellationToken);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        return day is { } found ? await VersionsOfAsync(found, newsletter, cancellationToken) : NoIssueYet();
    }

    /// <summary>POST /api/admin/newsletter/{date}: compose the date's issue again; the replaced version stays readable.</summary>
    public static async Task<Results<Ok<VersionsDto>, ValidationProblem, ProblemHttpResult>> RegenerateAsync(string date, NewsletterService newsletter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        var values = new QueryValues();
        var day = ParseDate(date, newsletter, values);
        if (!values.HasErrors && day < NewsletterService.EarliestDate)
        {
            values.Add("date", $"'{date}' is before {NewsletterService.Key(NewsletterService.EarliestDate)}, the earliest date an issue can have");
        }

        if (values.HasErrors)
        {
            return values.Problem();
        }

        if (await newsletter.RegenerateAsync(day, cancellationToken) is null)
        {
            return TypedResults.Problem($"{NewsletterService.Key(day)} is after today: there is nothing to compose", statusCode: StatusCodes.Status404NotFound, title: "Issue not found");
        }

        return await VersionsOfAsync(day, newsletter, cancellationToken);
    }

    private static async Task<Results<Ok<VersionsDto>, ValidationProblem, ProblemHttpResult>> VersionsOfAsync(DateOnly day, NewsletterService newsletter, CancellationToken cancellationToken)
    {
        var versions = await newsletter.GetVersionsAsync(day, cancellationToken);
        return versions.Count == 0
            ? TypedResults.Problem($"{NewsletterService.Key(day)} has no issue", statusCode: StatusCodes.Status404NotFound, title: "Issue not found")
            : TypedResults.Ok(new VersionsDto(NewsletterService.Key(day), versions[^1].Version, [.. versions.Select(VersionDto.From)]));
    }

    internal static string Body(FrozenIssue issue, string format) => format switch
    {
        "html" => issue.Html,
        "md" => issue.Markdown,
        "txt" => issue.Text,
        _ => issue.Json,
    };

    /// <summary>
    /// A date a reader asks for: "latest" is the newest issue (null when there is none yet); any other
    /// must lie in the archive, from its first issue to today (an error under "date" otherwise).
    /// </summary>
    private static async Task<DateOnly?> ArchiveDateAsync(string date, NewsletterService newsletter, QueryValues values, CancellationToken cancellationToken)
    {
        if (string.Equals(date, "latest", StringComparison.Ordinal))
        {
            return (await newsletter.ListAsync(1, cancellationToken)) is [var newest, ..]
                ? DateOnly.ParseExact(newest.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;
        }

        var day = ParseDate(date, newsletter, values);
        if (values.HasErrors)
        {
            return day;
        }

        var (first, today) = await newsletter.ArchiveRangeAsync(cancellationToken);
        if (day < first || day > today)
        {
            values.Add("date", $"'{date}' is outside the archive, which runs from {NewsletterService.Key(first)} (its first issue, or today when it has none) to {NewsletterService.Key(today)} (today in the newsletter's time zone)");
        }

        return day;
    }

    private static ProblemHttpResult NoIssueYet() =>
        TypedResults.Problem("the archive has no issue yet: issues are composed by the daily schedule or through the admin API", statusCode: StatusCodes.Status404NotFound, title: "Issue not found");

    private static DateOnly ParseDate(string date, NewsletterService newsletter, QueryValues values) =>
        string.Equals(date, "latest", StringComparison.Ordinal) ? newsletter.Today() : values.Day(date, "date", orElse: "'latest'") ?? default;
}

/// <summary>The archive: current versions, newest first.</summary>
public sealed record ArchiveDto(IReadOnlyList<VersionDto> Items);

/// <summary>Every version of a date's issue, oldest first; <c>Current</c> is the one served without ?version.</summary>
public sealed record VersionsDto(string Date, int Current, IReadOnlyList<VersionDto> Versions);

public sealed record VersionDto(string Date, int Version, string Subject, int Posts, DateTime ComposedAt, DateTime WindowStart, DateTime WindowEnd, string Url, string WebUrl)
{
    public static VersionDto From(FrozenIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(
            issue.Date, issue.Version, issue.Subject, issue.PostCount,
            DateTime.SpecifyKind(issue.ComposedAt, DateTimeKind.Utc), DateTime.SpecifyKind(issue.WindowStart, DateTimeKind.Utc), DateTime.SpecifyKind(issue.WindowEnd, DateTimeKind.Utc),
            $"/api/newsletter/{issue.Date}?version={issue.Version.ToString(CultureInfo.InvariantCulture)}",
            $"/newsletter/{issue.Date}");
    }
}
