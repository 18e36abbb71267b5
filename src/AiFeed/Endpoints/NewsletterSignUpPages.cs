using AiFeed.Components;
using AiFeed.Pages;
using AiFeed.Publishing.Newsletter.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// The sign-up form's answer, the confirmation page and the unsubscribe page. A link from a mail
/// opens a page (GET) that only asks; the button on it (POST) acts, so a scanner that follows links
/// neither confirms nor unsubscribes anyone. POST /newsletter/unsubscribe?token=… is also the RFC 8058
/// one-click target (body "List-Unsubscribe=One-Click", no cookies): the signed token is the whole
/// authority, so these forms need and take no antiforgery token.
/// </summary>
internal static class NewsletterSignUpPages
{
    public static RouteGroupBuilder MapNewsletterSignUpPages(this RouteGroupBuilder group)
    {
        group.MapPost("/newsletter/subscribe", SubscribeAsync).RequireRateLimiting(NewsletterSubscriptionsApi.SubscribePolicy).WithName("NewsletterSubscribeForm");
        group.MapGet("/newsletter/confirm", ConfirmPageAsync).WithName("NewsletterConfirmPage");
        group.MapPost("/newsletter/confirm", ConfirmAsync).WithName("NewsletterConfirm");
        group.MapGet("/newsletter/unsubscribe", UnsubscribePageAsync).WithName("NewsletterUnsubscribePage");
        group.MapPost("/newsletter/unsubscribe", UnsubscribeAsync).WithName("NewsletterUnsubscribe");
        return group;
    }

    public static async Task<RazorComponentResult<NewsletterNoticePage>> SubscribeAsync(HttpRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var given = await FormValueAsync(request, "email", cancellationToken);
        if (SubscriptionService.Normalize(given) is not { } email)
        {
            return Notice(new("Check the address", $"'{given}' is not an e-mail address (user@example.com).", new NoticeForm("/newsletter/subscribe", "Subscribe", Email: given), IsError: true), StatusCodes.Status400BadRequest);
        }

        if (await NewsletterSubscriptionsApi.TrySubscribeAsync(email, subscriptions, cancellationToken) is { } problem)
        {
            return Notice(new("Not subscribed", problem.ProblemDetails.Detail ?? "mail cannot be sent now", IsError: true), problem.StatusCode);
        }

        return Notice(new("Check your inbox", $"If {email} is not subscribed yet, a mail with a confirmation link is on its way to it. The subscription starts when you confirm."));
    }

    public static async Task<RazorComponentResult<NewsletterNoticePage>> ConfirmPageAsync(string? token, SubscriptionService subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.FindPendingAsync(token, cancellationToken) is { } subscriber
            ? subscriber.IsConfirmed
                ? Notice(new("Already subscribed", $"{subscriber.Email} is subscribed to AiFeed Daily."))
                : Notice(new("Confirm your subscription", $"Send AiFeed Daily to {subscriber.Email}, one issue a day?", new NoticeForm("/newsletter/confirm", "Confirm subscription", Token: token)))
            : InvalidLink("confirmation");

    public static async Task<RazorComponentResult<NewsletterNoticePage>> ConfirmAsync(HttpRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.ConfirmAsync(await FormValueAsync(request, "token", cancellationToken), cancellationToken)
            ? Notice(new("You are subscribed", "Thank you: the next issue of AiFeed Daily comes to your inbox. Every issue has a link to unsubscribe."))
            : InvalidLink("confirmation");

    public static async Task<RazorComponentResult<NewsletterNoticePage>> UnsubscribePageAsync(string? token, SubscriptionService subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.FindByUnsubscribeTokenAsync(token, cancellationToken) switch
        {
            (true, { } subscriber) => Notice(new("Unsubscribe", $"Stop sending AiFeed Daily to {subscriber.Email}? The address is deleted.", new NoticeForm("/newsletter/unsubscribe", "Unsubscribe", Token: token))),
            (true, null) => Notice(new("You are unsubscribed", "This address receives no more issues; it is no longer stored.")),
            _ => InvalidLink("unsubscribe"),
        };

    /// <summary>The page's button (token in the form) or a mail client's one-click POST (token in the query).</summary>
    public static async Task<RazorComponentResult<NewsletterNoticePage>> UnsubscribeAsync(HttpRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await FormValueAsync(request, "token", cancellationToken) ?? request.Query["token"].ToString();
        return await subscriptions.UnsubscribeAsync(token, cancellationToken)
            ? Notice(new("You are unsubscribed", "This address receives no more issues, and it is no longer stored. You can subscribe again on the newsletter page."))
            : InvalidLink("unsubscribe");
    }

    private static RazorComponentResult<NewsletterNoticePage> InvalidLink(string kind) =>
        Notice(new("This link does not work", kind == "confirmation"
            ? "The confirmation link is incomplete or has expired. Subscribe again to get a new one."
            : "The unsubscribe link is incomplete. Use the link from the newsletter mail, or ask the operator of this AiFeed to delete your address.", IsError: true), StatusCodes.Status400BadRequest);

    private static RazorComponentResult<NewsletterNoticePage> Notice(NewsletterNotice notice, int status = StatusCodes.Status200OK)
    {
        var page = NewsletterPages.Page<NewsletterNoticePage>(notice);
        page.StatusCode = status;
        return page;
    }

    private static async Task<string?> FormValueAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync(cancellationToken);
        return form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
    }
}
