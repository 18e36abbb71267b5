using System.Globalization;
using AiFeed.Components;
using AiFeed.Pages;
using AiFeed.Publishing;
using AiFeed.Publishing.Newsletter;
using AiFeed.Publishing.Newsletter.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

/// <summary>The newsletter's web pages: the archive and one page per issue, with the reader's headers and layout.</summary>
public static class NewsletterPages
{
    public const int FeedIssues = 30;

    public static RouteGroupBuilder MapNewsletterPages(this IEndpointRouteBuilder routes)
    {
        // Security headers (CSP, nosniff, Referrer-Policy): SecurityHeaders, for every response.
        var group = routes.MapGroup(string.Empty).WithTags("Pages").ExcludeFromDescription();
        group.MapGet("/newsletter", ArchiveAsync).WithName("NewsletterArchivePage");
        group.MapGet("/newsletter/feed.xml", FeedAsync).WithName("NewsletterFeed").RequireRateLimiting(RateLimiting.PublicPolicy);
        group.MapGet("/newsletter/{date}", IssueAsync).WithName("NewsletterIssuePage");
        group.MapNewsletterSignUpPages();
        return group;
    }

    public static async Task<RazorComponentResult<NewsletterArchivePage>> ArchiveAsync(
        NewsletterService newsletter, IOptionsMonitor<NewsletterOptions> options, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var issues = await newsletter.ListAsync(NewsletterApi.ArchiveLimit, cancellationToken);
        var current = options.CurrentValue;
        var schedule = current.Enabled
            ? $"A new issue is composed every day at {current.ComposeAt.ToString("HH:mm", CultureInfo.InvariantCulture)} ({current.TimeZone})."
            : "The daily schedule is off: issues are composed when an operator asks for one (POST /api/admin/newsletter/{date}).";
        return Page<NewsletterArchivePage>(new NewsletterArchiveModel([.. issues.Select(ArchiveRow.From)], schedule, subscriptions.IsOpen));
    }

    /// <summary>Shows an issue that exists; a page view never composes one (a crawler walking dates would freeze them all).</summary>
    public static async Task<Results<RazorComponentResult<NewsletterIssuePage>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        string date, NewsletterService newsletter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newsletter);
        var values = new QueryValues();
        if (values.Day(date, "date") is not { } day)
        {
            return values.Problem();
        }

        var versions = await newsletter.GetVersionsAsync(day, cancellationToken);
        if (versions.Count == 0)
        {
            return TypedResults.Problem($"there is no issue of {NewsletterService.Key(day)}; see /newsletter for the archive", statusCode: StatusCodes.Status404NotFound, title: "Issue not found");
        }

        return Page<NewsletterIssuePage>(new NewsletterIssueModel(NewsletterJson.Read(versions[^1].Json), versions.Count));
    }

    /// <summary>The archive as RSS: the newest <see cref="FeedIssues"/> issues as they were frozen (reading composes nothing).</summary>
    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> FeedAsync(
        HttpRequest request, NewsletterService newsletter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(newsletter);
        var entries = new List<FeedEntry>();
        foreach (var row in await newsletter.ListAsync(FeedIssues, cancellationToken))
        {
            if (await newsletter.GetAsync(DateOnly.ParseExact(row.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken) is not { } frozen)
            {
                continue;
            }

            var issue = NewsletterJson.Read(frozen.Json);
            var composed = new DateTimeOffset(DateTime.SpecifyKind(frozen.ComposedAt, DateTimeKind.Utc));
            entries.Add(new FeedEntry(
                "urn:aifeed:newsletter:" + frozen.Date, issue.Subject, issue.WebUrl, NewsletterComposer.FeedName, composed, composed,
                null, issue.Preheader, NewsletterHtmlRenderer.Content(issue), []));
        }

        var home = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var channel = new FeedChannel(
            "AiFeed Daily",
            "The daily newsletter of AiFeed: a lesson and a problem from the LLM study plan, and the top AI and ML posts.",
            new Uri(home, "newsletter"),
            new Uri(home, "newsletter/feed.xml"),
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated),
            entries);
        return Conditional.Answer(request, SyndicationWriter.WriteRss(channel));
    }

    internal static RazorComponentResult<T> Page<T>(object model)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Model"] = model });
}
