using System.Diagnostics;
using AiFeed.Model;
using AiFeed.Storage;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>
/// Sends a date's issue to every confirmed subscriber, each at most once: a delivery is claimed in
/// the store (unique "date/subscriber") before its message is handed to SMTP, so a second run, a
/// restart or the admin's "send now" after the schedule skips whoever has it. A refusal by the
/// server is recorded as failed and tried again by the next run (up to <see cref="MaxAttempts"/>);
/// a connection lost mid-message is recorded as unknown and never retried, since the message may
/// have arrived. Composes the issue first if the date has none (this is an operator's or the
/// schedule's action, never a reader's).
/// </summary>
public sealed partial class IssueSender(
    NewsletterService newsletter,
    SubscriptionService subscriptions,
    ISubscriberStore store,
    SmtpMailer mailer,
    IssueWebhooks webhooks,
    IOptionsMonitor<NewsletterOptions> options,
    TimeProvider time,
    ILogger<IssueSender> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>What the last run since start did, and when it finished (for the health check).</summary>
    public (SendReport Report, DateTimeOffset At)? LastRun { get; private set; }

    /// <summary>Whether there is anywhere to send to: SMTP, or at least one webhook.</summary>
    public bool CanSend => mailer.IsConfigured || webhooks.IsConfigured;

    /// <summary>
    /// The issue of <paramref name="date"/> to every confirmed subscriber (when SMTP is configured) and
    /// every webhook; null for a date that can have no issue yet.
    /// </summary>
    public async Task<SendReport?> SendAsync(DateOnly date, CancellationToken cancellationToken)
    {
        if (await newsletter.GetOrComposeAsync(date, cancellationToken) is not { } issue)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var subscribers = mailer.IsConfigured ? (await store.ListAsync(cancellationToken)).Where(s => s.IsConfirmed).ToList() : [];
        var report = new SendReport { Date = issue.Date, Subscribers = subscribers.Count };
        await MailAsync(issue, subscribers, report, cancellationToken);
        report.Webhooks = await webhooks.NotifyAsync(issue, cancellationToken);
        report.NotAttempted = report.Subscribers - report.Sent - report.AlreadyHandled - report.Failed - report.Unknown;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.Sent(logger, issue.Date, report.Sent, report.AlreadyHandled, report.Failed, report.Unknown, elapsed);
        LastRun = (report, time.GetUtcNow());
        return report;
    }

    /// <summary>
    /// The daily run (the schedule, and once at start to catch up on a day whose time passed while
    /// the service was down): once today's issue is due, compose it, send it where it has not gone,
    /// and delete sign-ups whose confirmation expired. Before the due time it does nothing.
    /// </summary>
    public async Task<SendReport?> RunDailyAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var today = newsletter.Today();
        if (Now() < NewsletterCalendar.DueAt(today, current.ComposeAt, current.ResolveTimeZone()))
        {
            return null;
        }

        await subscriptions.PurgeUnconfirmedAsync(cancellationToken);
        if (!CanSend)
        {
            await newsletter.GetOrComposeAsync(today, cancellationToken);
            return null;
        }

        return await SendAsync(today, cancellationToken);
    }

    private async Task MailAsync(FrozenIssue issue, List<Subscriber> subscribers, SendReport report, CancellationToken cancellationToken)
    {
        var site = options.CurrentValue.ResolveSiteUrl();
        SmtpSession? session = null;
        try
        {
            foreach (var subscriber in subscribers)
            {
                if (!await store.TryClaimDeliveryAsync(issue.Date, subscriber.Id, Now(), MaxAttempts, cancellationToken))
                {
                    report.AlreadyHandled++;
                    continue;
                }

                var message = NewsletterMail.Issue(mailer.Sender, issue, subscriber, await subscriptions.UnsubscribeUrlAsync(subscriber, cancellationToken), site);
                try
                {
                    session ??= await mailer.ConnectAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nothing was handed over: the claim goes back as failed, the rest wait for the next run.
                    await store.CompleteDeliveryAsync(issue.Date, subscriber.Id, DeliveryState.Failed, ex.Message, Now(), CancellationToken.None);
                    report.Failed++;
                    report.Error = $"could not reach the SMTP relay: {ex.Message}";
                    Log.ConnectFailed(logger, ex);
                    return;
                }

                try
                {
                    await session.SendAsync(message, cancellationToken);
                    await store.CompleteDeliveryAsync(issue.Date, subscriber.Id, DeliveryState.Sent, null, Now(), CancellationToken.None);
                    report.Sent++;
                }
                catch (SmtpCommandException ex)
                {
                    // The server answered with an error: the message was not accepted.
                    await store.CompleteDeliveryAsync(issue.Date, subscriber.Id, DeliveryState.Failed, ex.Message, Now(), CancellationToken.None);
                    report.Failed++;
                    Log.Refused(logger, issue.Date, subscriber.Id, ex.Message);
                }
                catch (Exception ex) when (ex is IOException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
                {
                    await store.CompleteDeliveryAsync(issue.Date, subscriber.Id, DeliveryState.Unknown, ex.Message, Now(), CancellationToken.None);
                    report.Unknown++;
                    report.Error = $"the connection to the SMTP relay broke: {ex.Message}";
                    Log.Broken(logger, issue.Date, subscriber.Id, ex);
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static partial class Log
    {
        [LoggerMessage(EventId = 731, Level = LogLevel.Information, Message = "Newsletter {IssueDate} sent to {Sent} subscribers ({AlreadyHandled} had it, {Failed} failed, {Unknown} unknown) in {Duration} ms")]
        public static partial void Sent(ILogger logger, string issueDate, int sent, int alreadyHandled, int failed, int unknown, double duration);

        [LoggerMessage(EventId = 732, Level = LogLevel.Warning, Message = "Newsletter {IssueDate} refused for subscriber {SubscriberId}: {Reason}")]
        public static partial void Refused(ILogger logger, string issueDate, string subscriberId, string reason);

        [LoggerMessage(EventId = 733, Level = LogLevel.Error, Message = "Newsletter {IssueDate}: the SMTP connection broke while sending to subscriber {SubscriberId}; that copy is not retried")]
        public static partial void Broken(ILogger logger, string issueDate, string subscriberId, Exception exception);

        [LoggerMessage(EventId = 734, Level = LogLevel.Error, Message = "Newsletter: could not connect to the SMTP relay")]
        public static partial void ConnectFailed(ILogger logger, Exception exception);
    }
}

/// <summary>What one send run did.</summary>
public sealed class SendReport
{
    public string Date { get; init; } = "";

    /// <summary>Confirmed subscribers when the run started (none without SMTP).</summary>
    public int Subscribers { get; init; }

    public int Sent { get; set; }

    /// <summary>Had this issue already (or an earlier attempt's outcome is unknown, or it failed too often).</summary>
    public int AlreadyHandled { get; set; }

    public int Failed { get; set; }

    public int Unknown { get; set; }

    /// <summary>Left for the next run after the connection failed.</summary>
    public int NotAttempted { get; set; }

    /// <summary>Webhooks that took the issue in this run.</summary>
    public int Webhooks { get; set; }

    public string? Error { get; set; }
}
