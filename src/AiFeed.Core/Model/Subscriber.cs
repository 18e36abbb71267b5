namespace AiFeed.Model;

/// <summary>
/// A newsletter subscriber: only what double opt-in and sending need (no name, no IP address, no
/// tracking). Deleted outright on unsubscribe or on request, with its delivery records.
/// </summary>
public sealed class Subscriber
{
    /// <summary>Random and unguessable; signed links name the subscriber by it, never by address.</summary>
    public string Id { get; set; } = "";

    /// <summary>The address as given (trimmed).</summary>
    public string Email { get; set; } = "";

    /// <summary>The address lower-cased: one subscription per mailbox however it is typed.</summary>
    public string EmailKey { get; set; } = "";

    public DateTime SubscribedAt { get; set; }

    /// <summary>Null until the confirmation link is used; only confirmed subscribers receive issues.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the last confirmation mail went out, and how many have: the per-address cap.</summary>
    public DateTime LastConfirmationMailAt { get; set; }

    public int ConfirmationMails { get; set; }

    public bool IsConfirmed => ConfirmedAt is not null;
}
