namespace AiFeed.Model;

/// <summary>
/// One thing a poll tried to read a source with, in the order it tried them: the configured feed,
/// a feed the site advertises, the listing page itself, the source's scrape rules, the generic
/// listing reader. The sources page, <c>/api/sources</c> and the admin API show the list as it is.
/// </summary>
public sealed record ReadAttempt
{
    /// <summary>One of <see cref="ReadAttemptStep"/>.</summary>
    public required string Step { get; init; }

    /// <summary>One of <see cref="ReadAttemptOutcome"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The URL the step read, when it read one (rules and the generic reader read the page fetched before them).</summary>
    public string? Url { get; init; }

    /// <summary>Posts or items the step found, when it found any.</summary>
    public int? Items { get; init; }

    /// <summary>Why it failed or broke, or what it noted; one sentence for the operator.</summary>
    public string? Detail { get; init; }
}

/// <summary>The values of <see cref="ReadAttempt.Step"/>.</summary>
public static class ReadAttemptStep
{
    /// <summary>The feed URL of feeds.json (or where it moved permanently).</summary>
    public const string Feed = "feed";

    /// <summary>A feed the site advertises (or the site itself, when it answers with a feed).</summary>
    public const string Discovered = "discovered";

    /// <summary>Downloading the listing page (the source's <c>site</c>) the rules and the generic reader read.</summary>
    public const string Page = "page";

    /// <summary>The source's scrape rules over the listing page.</summary>
    public const string Rule = "rule";

    /// <summary>The generic listing reader over the listing page (no rule needed).</summary>
    public const string Generic = "generic";
}

/// <summary>The values of <see cref="ReadAttempt.Outcome"/>.</summary>
public static class ReadAttemptOutcome
{
    /// <summary>Read: its items are what the poll stored.</summary>
    public const string Ok = "ok";

    /// <summary>HTTP 304: nothing changed since the last read.</summary>
    public const string NotModified = "not-modified";

    /// <summary>No usable answer (HTTP error, network, not a feed).</summary>
    public const string Failed = "failed";

    /// <summary>The page came, but what the step found was not trustworthy (the breakage guard, no post list).</summary>
    public const string Broken = "broken";
}
