using System.Globalization;
using AiFeed.Components;
using AiFeed.Pages;
using AiFeed.Publishing.Newsletter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

/// <summary>The newsletter's web pages: the archive and one page per issue, with the reader's headers and layout.</summary>
public static class NewsletterPages
{
    public static RouteGroupBuilder MapNewsletterPages(this IEndpointRouteBuilder routes)
    {
        // Security headers (CSP, nosniff, Referrer-Policy): SecurityHeaders, for every response.
        var group = routes.MapGroup(string.Empty).WithTags("Pages").ExcludeFromDescription();
        group.MapGet("/newsletter", ArchiveAsync).WithName("NewsletterArchivePage");
        group.MapGet("/newsletter/{date}", IssueAsync).WithName("NewsletterIssuePage");
        return group;
    }

    public static async Task<RazorComponentResult<NewsletterArchivePage>> ArchiveAsync(
        NewsletterService newsletter, IOptionsMonitor<NewsletterOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        ArgumentNullException.ThrowIfNull(options);
        var issues = await newsletter.ListAsync(NewsletterApi.ArchiveLimit, cancellationToken);
        var current = options.CurrentValue;
        var schedule = current.Enabled
            ? $"A new issue is composed every day at {current.ComposeAt.ToString("HH:mm", CultureInfo.InvariantCulture)} ({current.TimeZone})."
            : "The daily schedule is off: issues are composed when an operator asks for one (POST /api/admin/newsletter/{date}).";
        return Page<NewsletterArchivePage>(new NewsletterArchiveModel([.. issues.Select(ArchiveRow.From)], schedule));
    }

    /// <summary>Shows an issue that exists; a page view never composes one (a crawler walking dates would freeze them all).</summary>
    public static async Task<Results<RazorComponentResult<NewsletterIssuePage>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        string date, NewsletterService newsletter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["date"] = [$"'{date}' is not a date in the form yyyy-MM-dd"] });
        }

        var versions = await newsletter.GetVersionsAsync(day, cancellationToken);
        if (versions.Count == 0)
        {
            return TypedResults.Problem($"there is no issue of {NewsletterService.Key(day)}; see /newsletter for the archive", statusCode: StatusCodes.Status404NotFound, title: "Issue not found");
        }

        return Page<NewsletterIssuePage>(new NewsletterIssueModel(NewsletterJson.Read(versions[^1].Json), versions.Count));
    }

    private static RazorComponentResult<T> Page<T>(object model)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Model"] = model });
}
