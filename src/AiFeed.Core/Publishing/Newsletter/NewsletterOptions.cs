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

    public Uri ResolveSiteUrl() => new(SiteUrl.TrimEnd('/') + "/", UriKind.Absolute);

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttp && site.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(site.Query) || !string.IsNullOrEmpty(site.Fragment))
        {
            yield return new ValidationResult($"'{SiteUrl}' is not an absolute http(s) URL without query or fragment", [nameof(SiteUrl)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone", [nameof(TimeZone)]);
        }
    }
}
