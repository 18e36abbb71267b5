using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Catalog;

/// <summary>
/// Where polling stands across the enabled sources, in numbers and in one sentence: what the start-up
/// log, the home page's empty state and /api/sources say, so that "not polled yet", "polled, nothing
/// there" and "failing, and why" are never confused.
/// </summary>
public sealed record PollingOverview(int Enabled, int NotPolled, int Ok, int Failing, IReadOnlyList<FailureReason> Reasons)
{
    public static PollingOverview Of(FeedCatalog catalog, IReadOnlyList<SourceState> states)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(states);
        var byId = states.ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        var enabled = catalog.Sources.Where(s => s.Enabled).Select(s => byId.GetValueOrDefault(s.Id)).ToList();
        var failing = enabled.Where(s => s is { LastPollAt: not null, ConsecutiveErrors: > 0 }).Select(s => s!).ToList();
        var reasons = failing
            .GroupBy(s => Reason(s.LastError), StringComparer.Ordinal)
            .Select(g => new FailureReason(g.Key, g.Count()))
            .OrderByDescending(r => r.Sources)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();
        return new PollingOverview(
            enabled.Count,
            enabled.Count(s => s is null or { LastPollAt: null }),
            enabled.Count(s => s is { LastPollAt: not null, ConsecutiveErrors: 0 }),
            failing.Count,
            reasons);
    }

    /// <summary>"3 sources failed (the host name could not be resolved: 3); 32 not polled yet".</summary>
    public string Describe()
    {
        if (Enabled == 0)
        {
            return "no source is enabled in the catalog";
        }

        var parts = new List<string>();
        if (Failing > 0)
        {
            var why = string.Join(", ", Reasons.Take(3).Select(r => Failing == 1 ? r.Reason : string.Create(CultureInfo.InvariantCulture, $"{r.Reason}: {r.Sources}")));
            parts.Add($"{Count(Failing, "source")} failed ({why}{(Reasons.Count > 3 ? ", …" : string.Empty)})");
        }

        if (NotPolled > 0)
        {
            parts.Add(NotPolled == Enabled ? $"{Count(NotPolled, "source")} not polled yet" : $"{NotPolled} not polled yet");
        }

        if (Ok > 0)
        {
            parts.Add(Ok == Enabled ? $"{Count(Ok, "source")} polled, all fine" : $"{Ok} polled fine");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The error's gist, without the address and details in brackets: what sources failing together share.</summary>
    internal static string Reason(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "unknown error";
        }

        var cut = error.IndexOfAny(['(', ';']);
        var gist = (cut > 0 ? error[..cut] : error).Trim().TrimEnd(':', '.', ',');
        // "the site https://lab.example/news failed: the host name could not be resolved": the cause, not the address.
        var cause = gist.LastIndexOf(" failed: ", StringComparison.Ordinal);
        gist = cause >= 0 ? gist[(cause + " failed: ".Length)..] : gist;
        return gist.Length > 80 ? gist[..80] + "…" : gist;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{n} {noun}s");
}

/// <summary>An error's gist and how many sources it stops.</summary>
public sealed record FailureReason(string Reason, int Sources);
