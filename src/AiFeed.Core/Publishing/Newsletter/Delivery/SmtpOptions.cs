using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>
/// The SMTP relay the newsletter is sent through (section "Smtp"). No <see cref="Host"/> means no
/// mail: sign-up and sending answer that delivery is not configured, and nothing else changes.
/// Set the password through the environment (Smtp__Password) or user secrets, never in a committed file.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender, "AiFeed Daily &lt;daily@example.com&gt;" or a bare address; required with <see cref="Host"/>.</summary>
    public string? From { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Encrypt the connection: TLS from the start on port 465, STARTTLS (required, not opportunistic) on any other.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>How long one SMTP command may take before the send is given up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public MailboxAddress Sender() => MailboxAddress.Parse(From ?? throw new MailNotConfiguredException());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out var sender) || !sender.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"'{From}' is not a sender address (\"Name <user@example.com>\" or \"user@example.com\"); Smtp:From is required with Smtp:Host", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Username and Smtp:Password go together: set both or neither", [nameof(Username), nameof(Password)]);
        }
    }
}
