using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AiFeed.Ingestion.Fetching;

/// <summary>Transport settings of the feed client; per-catalog limits (body cap, deadline, user agent) come from feeds.json defaults.</summary>
public sealed class FetchOptions : IValidatableObject
{
    public const string SectionName = "Fetch";

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one request on 5xx, 408 and network errors (never on 429 or 503 with Retry-After: those reschedule).</summary>
    [Range(0, 5)]
    public int RetryAttempts { get; set; } = 1;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 20)]
    public int MaxRedirects { get; set; } = 5;

    [Range(1, 64)]
    public int MaxConnectionsPerServer { get; set; } = 4;

    /// <summary>
    /// Networks (CIDR, "10.1.0.0/16") the feed client may reach although they are not public:
    /// intranet feeds, tests on loopback. Empty: public addresses only.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Host names whose addresses are not checked at all (an intranet feed server).</summary>
    public IList<string> AllowedHosts { get; } = [];

    internal IReadOnlyList<IPNetwork> ParsedAllowedNetworks =>
        [.. AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks)
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                yield return new ValidationResult($"'{network}' is not a network in CIDR notation (such as 10.0.0.0/8 or fd00::/8)", [nameof(AllowedNetworks)]);
            }
        }
    }
}
