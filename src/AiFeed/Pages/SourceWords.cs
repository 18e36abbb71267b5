using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Pages;

/// <summary>A source's last poll in words an operator or reader understands at a glance.</summary>
public static class SourceWords
{
    public static string? LastRead(SourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var how = state.LastOutcome switch
        {
            "feed" => state.LastItemCount == 1 ? "read the feed: 1 item" : $"read the feed: {state.LastItemCount} items",
            "scrape" => $"read the listing page with its scrape rules: {Count(state.LastItemCount, "post")}",
            "generic" => $"read the listing page without a rule (generic reader): {Count(state.LastItemCount, "post")}",
            "discovered" => $"read the feed the site advertises: {Count(state.LastItemCount, "item")}",
            "fallback" => $"read the site instead of the feed: {Count(state.LastItemCount, "item")}",
            "not-modified" => "unchanged since the poll before (HTTP 304)",
            "fetch-error" => "could not download the feed",
            "parse-error" => "downloaded, but could not read it as a feed",
            null => null,
            var other => other,
        };
        if (how is null)
        {
            return null;
        }

        var details = new List<string>();
        if (state.LastBytes is { } bytes && bytes > 0)
        {
            details.Add(bytes >= 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB") : $"{bytes} bytes");
        }

        if (state.LastDurationMs is { } ms)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms"));
        }

        return details.Count == 0 ? how : $"{how} ({string.Join(", ", details)})";
    }

    /// <summary>One attempt of the last poll in a line: "rule: broken (selector `x` matched 0 elements)".</summary>
    public static string Attempt(ReadAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var what = attempt.Step switch
        {
            ReadAttemptStep.Feed => "feed",
            ReadAttemptStep.Discovered => "advertised feed",
            ReadAttemptStep.Page => "listing page",
            ReadAttemptStep.Rule => "scrape rules",
            ReadAttemptStep.Generic => "generic reader",
            var other => other,
        };
        var outcome = attempt.Items is { } n ? $"{attempt.Outcome}, {n}" : attempt.Outcome;
        return string.IsNullOrWhiteSpace(attempt.Detail) ? $"{what}: {outcome}" : $"{what}: {outcome} ({attempt.Detail})";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>What went wrong, led by a plain sentence for the HTTP statuses people meet most.</summary>
    public static string Error(SourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var plain = state.LastStatusCode switch
        {
            401 or 403 => "The site refused to serve the feed to AiFeed.",
            404 => "The feed address no longer exists.",
            410 => "The site says the feed is gone for good.",
            429 => "The site asked AiFeed to poll less often.",
            >= 500 => "The site had a server error.",
            _ => null,
        };
        var times = state.ConsecutiveErrors == 1 ? "once" : $"{state.ConsecutiveErrors} times in a row";
        var detail = string.IsNullOrWhiteSpace(state.LastError) ? null : state.LastError.Trim();
        var parts = new[] { plain, detail is null ? null : $"Details: {detail}.", $"Failed {times}." };
        return string.Join(' ', parts.Where(p => p is not null)).Replace("..", ".", StringComparison.Ordinal);
    }
}
