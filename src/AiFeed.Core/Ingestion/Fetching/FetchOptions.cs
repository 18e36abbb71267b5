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

    /// <summary>
    /// How long one attempt may wait for the response headers; a hanging server costs this, not the
    /// whole request deadline, and the retry still fits. The catalog's <c>requestTimeout</c> bounds
    /// the request as a whole: every attempt, the retry delay and reading the body.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Networks (CIDR, "10.1.0.0/16") the feed client may reach although they are not public:
    /// intranet feeds, tests on loopback. Empty: public addresses only.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Host names whose addresses are not checked at all (an intranet feed server).</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// The proxy feed requests go through (http://proxy.internal:3128); unset: the system's
    /// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY). The destination is checked before a request is handed
    /// to any proxy; the proxy itself, chosen by the operator, is not.
    /// </summary>
    public Uri? Proxy { get; set; }

    // An array filled by a loop: LINQ and IReadOnlyList<T> over this struct JIT-compile their generic
    // code in every process that connects (decision 0074). A method, not a property: the
    // configuration binding generator (decision 0082) would try to bind a property.
    internal IPNetwork[] ParseAllowedNetworks()
    {
        var parsed = new IPNetwork[AllowedNetworks.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            parsed[i] = IPNetwork.Parse(AllowedNetworks[i].Trim());
        }

        return parsed;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks)
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                yield return new ValidationResult($"'{network}' is not a network in CIDR notation (such as 10.0.0.0/8 or fd00::/8)", [nameof(AllowedNetworks)]);
            }
        }

        if (Proxy is { } proxy && (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"'{proxy}' is not an http(s) proxy address such as http://proxy.internal:3128", [nameof(Proxy)]);
        }
    }
}
