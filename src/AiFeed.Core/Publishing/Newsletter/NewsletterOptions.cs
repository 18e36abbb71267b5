using System.ComponentModel.DataAnnotations;

namespace AiFeed.Publishing.Newsletter;

/// <summary>The daily newsletter: where its links point, when the day's issue is composed, what it holds.</summary>
public sealed class NewsletterOptions : IValidatableObject
{
    public const string SectionName = "Newsletter";

    /// <summary>The public address of this AiFeed: e-mail has no page to resolve relative links against.</summary>
    [Required]
    public string SiteUrl { get; set; } = "http://localhost:8080";

    /// <summary>Run the job that composes the day's issue at <see cref="ComposeAt"/> (on-demand composition works either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local time of day, in <see cref="TimeZone"/>, at which the job composes the day's issue.</summary>
    public TimeOnly ComposeAt { get; set; } = new(7, 0);

    /// <summary>IANA (or Windows) zone whose calendar day an issue belongs to.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Fewer posts than this since the previous issue makes it a quiet day, and the issue says so.</summary>
    [Range(0, 100)]
    public int MinPosts { get; set; } = 3;

    /// <summary>Top posts in the spotlight, one per story.</summary>
    [Range(1, 50)]
    public int MaxPosts { get; set; } = 10;

    /// <summary>How many of the week's most active sources the spotlight names.</summary>
    [Range(1, 20)]
    public int SpotlightSources { get; set; } = 5;

    /// <summary>How long a confirmation link works; a sign-up not confirmed by then is deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where each issue is POSTed as signed JSON (Standard Webhooks headers), once per issue and URL.</summary>
    public IList<NewsletterWebhook> Webhooks { get; } = [];

    /// <summary>The first pause before a failed webhook POST is tried again (doubling, two retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public Uri ResolveSiteUrl() => new(SiteUrl.TrimEnd('/') + "/", UriKind.Absolute);

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttp && site.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(site.Query) || !string.IsNullOrEmpty(site.Fragment))
        {
            yield return new ValidationResult($"'{SiteUrl}' is not an absolute http(s) URL without query or fragment", [nameof(SiteUrl)]);
        }

        foreach (var (hook, i) in Webhooks.Select((h, i) => (h, i)))
        {
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Webhooks:{i}:Url: '{hook.Url}' is not an absolute http(s) URL", [nameof(Webhooks)]);
            }

            if (string.IsNullOrEmpty(hook.Secret) || hook.Secret.Length < 16)
            {
                yield return new ValidationResult($"Webhooks:{i}:Secret: a secret of at least 16 characters signs every POST; set it through the environment", [nameof(Webhooks)]);
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone", [nameof(TimeZone)]);
        }
    }
}

/// <summary>
/// A receiver of issues. The secret signs each POST; "whsec_" followed by base64 (as Standard Webhooks
/// libraries generate them) is used as those bytes, any other text as its UTF-8 bytes.
/// </summary>
public sealed class NewsletterWebhook
{
    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";
}
