using AiFeed.Catalog;
using AiFeed.Ingestion.Reading;
using AiFeed.Model;

namespace AiFeed.Ingestion;

/// <summary>
/// When a source is polled next: its interval, stretched by Retry-After, TTL or max-age when
/// larger; after errors an exponential backoff from a minute with jitter, capped (miniflux ScheduleNextCheck).
/// </summary>
public static class NextCheck
{
    /// <summary>
    /// The wait after a first failure: most failures (no network yet at boot, a blip, a deploy on
    /// the other side) are over in a minute, and waiting a whole interval left a fresh install empty for hours.
    /// </summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);

    public static DateTime AfterSuccess(DateTime now, TimeSpan interval, params TimeSpan?[] hints)
    {
        var wait = interval;
        foreach (var hint in hints)
        {
            if (hint is { } h && h > wait)
            {
                wait = h;
            }
        }

        // A server's hint can be absurd (ttl of a year); never wait more than a week.
        return now + (wait > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : wait);
    }

    /// <summary>1, 2, 4, 8 … minutes (never more than the source's interval to start with), up to <paramref name="maxBackoff"/>.</summary>
    public static DateTime AfterError(DateTime now, TimeSpan interval, int consecutiveErrors, TimeSpan maxBackoff, TimeSpan? retryAfter, double jitter)
    {
        var first = interval < FirstRetry ? interval : FirstRetry;
        var factor = Math.Pow(2, Math.Clamp(consecutiveErrors - 1, 0, 30));
        var backoff = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, maxBackoff.Ticks));
        // ±10% so sources that failed together do not retry together.
        backoff = TimeSpan.FromTicks((long)(backoff.Ticks * (0.9 + (0.2 * jitter))));
        if (retryAfter is { } ra && ra > backoff)
        {
            backoff = ra;
        }

        return now + backoff;
    }

    public static TimeSpan IntervalOf(SourceDefinition source, CatalogDefaults defaults, TimeSpan? overrideInterval) =>
        overrideInterval ?? source.PollInterval ?? defaults.PollInterval;

    /// <summary>ok / degraded / broken / disabled / paused / pending, as operators read it.</summary>
    public static SourceStatus StatusOf(SourceDefinition source, SourceState? state) => (source.Enabled, state) switch
    {
        (false, _) => SourceStatus.Disabled,
        (_, { Paused: true }) => SourceStatus.Paused,
        (_, null) or (_, { LastPollAt: null }) => SourceStatus.Pending,
        // Read through a stand-in, the source still works, but its feed or its rules do not: the reason is in FallbackReason.
        (_, { ConsecutiveErrors: 0, ReadVia: ReadVia.Fallback }) or (_, { ConsecutiveErrors: 0, FallbackReason: not null }) => SourceStatus.Degraded,
        (_, { ConsecutiveErrors: 0 }) => SourceStatus.Ok,
        (_, { ConsecutiveErrors: >= 5 }) or (_, { LastStatusCode: 410 }) => SourceStatus.Broken,
        _ => SourceStatus.Degraded,
    };
}
