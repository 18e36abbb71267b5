using System.Buffers.Text;
using System.Security.Cryptography;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>
/// Double opt-in: a sign-up stores the address as pending and mails a signed confirmation link;
/// only the confirmation (a POST from the page that link opens, so mail scanners that follow links
/// confirm nothing) makes it a subscriber. Unsubscribing deletes the record.
/// </summary>
public sealed partial class SubscriptionService(
    ISubscriberStore store,
    LinkSigner signer,
    SmtpMailer mailer,
    IOptionsMonitor<NewsletterOptions> options,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    /// <summary>Confirmation mails to one address: at most one per <see cref="ResendAfter"/> and <see cref="MaxConfirmationMails"/> a day.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(10);

    public const int MaxConfirmationMails = 3;

    public bool IsOpen => mailer.IsConfigured;

    /// <summary>An address a person can receive mail at: one mailbox, local@domain, no display name; null when it is not one.</summary>
    public static string? Normalize(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            || !string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal)
            || mailbox.LocalPart.Length == 0 || !mailbox.Domain.Contains('.', StringComparison.Ordinal) || mailbox.Domain.StartsWith('.') || mailbox.Domain.EndsWith('.'))
        {
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// Records a sign-up and mails the confirmation link. The outcome is for logs and tests: callers
    /// answer every one alike, so the form tells nobody whether an address is subscribed.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(string email, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var key = email.ToLowerInvariant();
        var subscriber = await store.FindByEmailAsync(key, cancellationToken);
        if (subscriber is { IsConfirmed: true })
        {
            return SubscribeOutcome.AlreadySubscribed;
        }

        if (subscriber is null)
        {
            var fresh = new Subscriber { Id = NewId(), Email = email, EmailKey = key, SubscribedAt = now };
            subscriber = await store.TryAddAsync(fresh, cancellationToken) ? fresh : await store.FindByEmailAsync(key, cancellationToken) ?? fresh;
        }
        else if (now - subscriber.LastConfirmationMailAt < ResendAfter
            || (now - subscriber.LastConfirmationMailAt < TimeSpan.FromDays(1) && subscriber.ConfirmationMails >= MaxConfirmationMails))
        {
            Log.Throttled(logger, subscriber.Id);
            return SubscribeOutcome.Throttled;
        }

        var current = options.CurrentValue;
        var token = await signer.SignAsync(LinkSigner.ConfirmPurpose, subscriber.Id, cancellationToken);
        var link = new Uri(current.ResolveSiteUrl(), "newsletter/confirm?token=" + Uri.EscapeDataString(token));
        await mailer.SendAsync(NewsletterMail.Confirmation(mailer.Sender, subscriber, link, current.ConfirmWithin), cancellationToken);

        subscriber.ConfirmationMails = now - subscriber.LastConfirmationMailAt < TimeSpan.FromDays(1) ? subscriber.ConfirmationMails + 1 : 1;
        subscriber.LastConfirmationMailAt = now;
        await store.UpdateAsync(subscriber, cancellationToken);
        Log.ConfirmationSent(logger, subscriber.Id);
        return SubscribeOutcome.ConfirmationSent;
    }

    /// <summary>The pending subscription a confirmation token names (for the page that asks to confirm); null when the link is not valid.</summary>
    public async Task<Subscriber?> FindPendingAsync(string? token, CancellationToken cancellationToken)
    {
        var link = await signer.VerifyAsync(token, LinkSigner.ConfirmPurpose, cancellationToken);
        if (link is null || time.GetUtcNow() - link.IssuedAt > options.CurrentValue.ConfirmWithin)
        {
            return null;
        }

        return await store.FindAsync(link.SubscriberId, cancellationToken);
    }

    /// <summary>Confirms the subscription the token names; false when the link is not valid (any more).</summary>
    public async Task<bool> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindPendingAsync(token, cancellationToken) is not { } subscriber)
        {
            return false;
        }

        if (!subscriber.IsConfirmed)
        {
            subscriber.ConfirmedAt = time.GetUtcNow().UtcDateTime;
            await store.UpdateAsync(subscriber, cancellationToken);
            Log.Confirmed(logger, subscriber.Id);
        }

        return true;
    }

    /// <summary>A link to leave the list, for one subscriber's copy of an issue.</summary>
    public async Task<Uri> UnsubscribeUrlAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var token = await signer.SignAsync(LinkSigner.UnsubscribePurpose, subscriber.Id, cancellationToken);
        return new Uri(options.CurrentValue.ResolveSiteUrl(), "newsletter/unsubscribe?token=" + Uri.EscapeDataString(token));
    }

    /// <summary>Whether the token is a genuine unsubscribe link, and the subscriber it names if still subscribed.</summary>
    public async Task<(bool Valid, Subscriber? Subscriber)> FindByUnsubscribeTokenAsync(string? token, CancellationToken cancellationToken) =>
        await signer.VerifyAsync(token, LinkSigner.UnsubscribePurpose, cancellationToken) is { } link
            ? (true, await store.FindAsync(link.SubscriberId, cancellationToken))
            : (false, null);

    /// <summary>Deletes the subscriber the token names. True for any genuine link, also when it was used before (the address is gone either way).</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (await signer.VerifyAsync(token, LinkSigner.UnsubscribePurpose, cancellationToken) is not { } link)
        {
            return false;
        }

        if (await store.DeleteAsync(link.SubscriberId, cancellationToken))
        {
            Log.Unsubscribed(logger, link.SubscriberId);
        }

        return true;
    }

    /// <summary>Deletes everything stored about an address (a request to erase); false when it is not stored.</summary>
    public async Task<bool> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await store.FindByEmailAsync(email.Trim().ToLowerInvariant(), cancellationToken) is not { } subscriber)
        {
            return false;
        }

        await store.DeleteAsync(subscriber.Id, cancellationToken);
        Log.Erased(logger, subscriber.Id);
        return true;
    }

    /// <summary>Deletes sign-ups whose confirmation link has expired.</summary>
    public Task<int> PurgeUnconfirmedAsync(CancellationToken cancellationToken) =>
        store.DeleteUnconfirmedAsync(time.GetUtcNow().UtcDateTime - options.CurrentValue.ConfirmWithin, cancellationToken);

    public Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        store.FindByEmailAsync(email.Trim().ToLowerInvariant(), cancellationToken);

    public Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static partial class Log
    {
        [LoggerMessage(EventId = 721, Level = LogLevel.Information, Message = "Newsletter confirmation mailed to subscriber {SubscriberId}")]
        public static partial void ConfirmationSent(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 722, Level = LogLevel.Information, Message = "Newsletter confirmation to subscriber {SubscriberId} not sent: one went out recently")]
        public static partial void Throttled(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 723, Level = LogLevel.Information, Message = "Newsletter subscriber {SubscriberId} confirmed")]
        public static partial void Confirmed(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 724, Level = LogLevel.Information, Message = "Newsletter subscriber {SubscriberId} unsubscribed and deleted")]
        public static partial void Unsubscribed(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 725, Level = LogLevel.Information, Message = "Newsletter subscriber {SubscriberId} deleted on request")]
        public static partial void Erased(ILogger logger, string subscriberId);
    }
}

public enum SubscribeOutcome
{
    ConfirmationSent,
    AlreadySubscribed,
    Throttled,
}
