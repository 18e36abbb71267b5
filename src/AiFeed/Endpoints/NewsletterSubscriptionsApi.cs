using System.ComponentModel.DataAnnotations;
using AiFeed.Model;
using AiFeed.Publishing.Newsletter;
using AiFeed.Publishing.Newsletter.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

/// <summary>
/// Signing up for the newsletter (POST /api/newsletter/subscriptions, and the form on /newsletter)
/// and the operator's newsletter actions: send an issue now, list subscribers, erase one.
/// </summary>
public static class NewsletterSubscriptionsApi
{
    /// <summary>The sign-up's own, much tighter, per-client limit: every accepted request can cost a mail.</summary>
    public const string SubscribePolicy = "newsletter-subscribe";

    /// <summary>The sign-up's rate limit and the send run's health check (the services themselves: AddNewsletter).</summary>
    public static IServiceCollection AddNewsletterDelivery(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<Health.NewsletterHealthCheck>("newsletter", tags: ["ready"]);
        services.AddOptions<SubscribeLimitOptions>().BindConfiguration(SubscribeLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(SubscribePolicy, context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<SubscribeLimitOptions>>().CurrentValue;
            return RateLimiting.PerClient(context, options.PermitLimit, options.Window);
        }));
        return services;
    }

    public static RouteGroupBuilder MapNewsletterSubscriptionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/newsletter/subscriptions").WithTags("Newsletter").RequireRateLimiting(SubscribePolicy);
        group.MapPost("/", SubscribeAsync).WithName("SubscribeToNewsletter");
        return group;
    }

    /// <summary>The admin API's newsletter routes (the group requires the API key).</summary>
    public static RouteGroupBuilder MapNewsletterAdminRoutes(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/newsletter/{date}/send", SendAsync).WithName("SendNewsletterIssue");
        group.MapGet("/newsletter/subscribers", ListSubscribersAsync).WithName("ListNewsletterSubscribers");
        group.MapDelete("/newsletter/subscribers/{email}", DeleteSubscriberAsync).WithName("DeleteNewsletterSubscriber");
        return group;
    }

    /// <summary>
    /// 202 whether the address is new, pending or already subscribed (the answer tells nobody which);
    /// the confirmation mail goes to new and pending addresses, at most one per 10 minutes and 3 a day.
    /// </summary>
    public static async Task<Results<Accepted<SubscriptionAccepted>, ValidationProblem, ProblemHttpResult>> SubscribeAsync(
        [FromBody] SubscriptionRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (SubscriptionService.Normalize(request.Email) is not { } email)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["email"] = [$"'{request.Email}' is not an e-mail address (user@example.com)"],
            });
        }

        if (await TrySubscribeAsync(email, subscriptions, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Accepted((string?)null, new SubscriptionAccepted(email, "pending", "check your inbox: the subscription starts when you confirm it through the link in the mail"));
    }

    /// <summary>Subscribes, or the 503 problem saying why mail cannot go out; shared by the API and the form.</summary>
    internal static async Task<ProblemHttpResult?> TrySubscribeAsync(string email, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        if (!subscriptions.IsOpen)
        {
            return NotConfigured();
        }

        try
        {
            await subscriptions.SubscribeAsync(email, cancellationToken);
            return null;
        }
        catch (Exception ex) when (SmtpMailer.IsMailFailure(ex))
        {
            return TypedResults.Problem($"the confirmation mail could not be sent ({ex.Message}); try again later", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mail unavailable");
        }
    }

    /// <summary>POST /api/admin/newsletter/{date}/send: the issue (composed now if it has none) to every confirmed subscriber and webhook that does not have it yet.</summary>
    public static async Task<Results<Ok<SendReport>, ValidationProblem, ProblemHttpResult>> SendAsync(
        string date, IssueSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var values = new QueryValues();
        if (values.Day(date, "date", from: NewsletterService.EarliestDate) is not { } day)
        {
            return values.Problem();
        }

        if (!sender.CanSend)
        {
            return TypedResults.Problem("there is nowhere to send the issue: configure SMTP (Smtp:Host, Smtp:From) or a webhook (Newsletter:Webhooks)", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Newsletter delivery unavailable");
        }

        return await sender.SendAsync(day, cancellationToken) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem($"{NewsletterService.Key(day)} is after today: its issue does not exist yet", statusCode: StatusCodes.Status404NotFound, title: "Issue not found");
    }

    /// <summary>Every stored address and its state: what an operator needs to answer "what do you hold about me?".</summary>
    public static async Task<Ok<SubscribersDto>> ListSubscribersAsync(SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var all = await subscriptions.ListAsync(cancellationToken);
        return TypedResults.Ok(new SubscribersDto(all.Count(s => s.IsConfirmed), all.Count(s => !s.IsConfirmed), [.. all.Select(SubscriberDto.From)]));
    }

    /// <summary>DELETE /api/admin/newsletter/subscribers/{email}: erases the address and its delivery records.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSubscriberAsync(string email, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        return await subscriptions.DeleteAsync(email, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"no subscriber has the address '{email}'", statusCode: StatusCodes.Status404NotFound, title: "Subscriber not found");
    }

    private static ProblemHttpResult NotConfigured() =>
        TypedResults.Problem("newsletter mail is not configured on this server (Smtp:Host, Smtp:From)", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Newsletter mail unavailable");
}

public sealed record SubscriptionRequest(string? Email);

public sealed record SubscriptionAccepted(string Email, string Status, string Detail);

public sealed record SubscribersDto(int Confirmed, int Pending, IReadOnlyList<SubscriberDto> Items);

public sealed record SubscriberDto(string Email, string Status, DateTime SubscribedAt, DateTime? ConfirmedAt)
{
    public static SubscriberDto From(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return new(
            subscriber.Email,
            subscriber.IsConfirmed ? "confirmed" : "pending",
            DateTime.SpecifyKind(subscriber.SubscribedAt, DateTimeKind.Utc),
            subscriber.ConfirmedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
    }
}

/// <summary>Sign-up requests one client IP may make per window (API and form together).</summary>
public sealed class SubscribeLimitOptions
{
    public const string SectionName = "Newsletter:SubscribeLimit";

    [Range(1, 10_000)]
    public int PermitLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
