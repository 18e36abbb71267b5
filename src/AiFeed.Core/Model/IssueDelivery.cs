namespace AiFeed.Model;

/// <summary>
/// One issue's delivery to one recipient (a subscriber or a webhook), claimed before it is sent:
/// the unique id "date/recipient" is what makes each issue go out once per recipient, across
/// restarts and repeated runs.
/// </summary>
public sealed class IssueDelivery
{
    /// <summary>"yyyy-MM-dd/recipient".</summary>
    public string Id { get; set; } = "";

    public string Date { get; set; } = "";

    /// <summary>A subscriber id, or "webhook:…" for a webhook URL.</summary>
    public string Recipient { get; set; } = "";

    public string State { get; set; } = DeliveryState.Sending;

    public int Attempts { get; set; }

    public DateTime ClaimedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? Error { get; set; }

    public static string IdOf(string date, string recipient) => date + "/" + recipient;
}

/// <summary>
/// Sending: claimed, outcome not recorded (a crash mid-send leaves it so, and it is never sent
/// again: at most once); Sent; Failed: refused before the message was accepted, so it may be tried
/// again; Unknown: the connection broke while the message was in flight, so it is not retried.
/// </summary>
public static class DeliveryState
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
