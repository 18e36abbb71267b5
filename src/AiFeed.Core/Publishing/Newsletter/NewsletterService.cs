using System.Diagnostics;
using System.Globalization;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Publishing.Newsletter;

/// <summary>
/// Issues by date: the daily job (or an operator: the admin API, the newsletter verb) composes and
/// freezes a date's issue, every read returns the frozen bytes and never composes; only
/// <see cref="RegenerateAsync"/> composes again, keeping the version it replaces. An issue covers the posts since the previous issue's end (24 hours for the
/// first) up to the earlier of now and its date's ComposeAt, so a past date never takes later posts.
/// </summary>
public sealed partial class NewsletterService(
    INewsletterStore store,
    NewsletterComposer composer,
    IOptionsMonitor<NewsletterOptions> options,
    TimeProvider time,
    ILogger<NewsletterService> logger) : IDisposable
{
    public static readonly TimeSpan FirstWindow = TimeSpan.FromHours(24);

    /// <summary>No issue is dated before this: the calendar arithmetic of a date like 0001-01-01 has no meaning here.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    // One composition at a time: two first requests for a date must not both compose it.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Today's date in Newsletter:TimeZone.</summary>
    public DateOnly Today() => NewsletterCalendar.Today(time.GetUtcNow(), options.CurrentValue.ResolveTimeZone());

    /// <summary>The date's frozen issue, or null when it has none. Reading never composes.</summary>
    public Task<FrozenIssue?> GetAsync(DateOnly date, CancellationToken cancellationToken) => store.GetAsync(Key(date), cancellationToken);

    /// <summary>The dates a reader may ask for: from the archive's first issue (today when it has none) to today.</summary>
    public async Task<(DateOnly First, DateOnly Today)> ArchiveRangeAsync(CancellationToken cancellationToken)
    {
        var today = Today();
        var first = await store.GetFirstDateAsync(cancellationToken) is { } key
            ? DateOnly.ParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : today;
        return (first < today ? first : today, today);
    }

    /// <summary>
    /// The date's issue, composed and frozen now if it has none (the daily job, the admin API, the
    /// newsletter verb; never a reader); null for a date after today or before <see cref="EarliestDate"/>.
    /// </summary>
    public async Task<FrozenIssue?> GetOrComposeAsync(DateOnly date, CancellationToken cancellationToken)
    {
        if (date > Today() || date < EarliestDate)
        {
            return null;
        }

        var key = Key(date);
        if (await store.GetAsync(key, cancellationToken) is { } frozen)
        {
            return frozen;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.GetAsync(key, cancellationToken) is { } composedMeanwhile)
            {
                return composedMeanwhile;
            }

            var issue = await ComposeAsync(date, 1, cancellationToken);
            return await store.TryAddAsync(issue, cancellationToken) ? issue : await store.GetAsync(key, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Composes the date's issue again as a new version; the one it replaces stays readable. Null for a date after today.</summary>
    public async Task<FrozenIssue?> RegenerateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        if (date > Today() || date < EarliestDate)
        {
            return null;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await store.GetAsync(Key(date), cancellationToken);
            var issue = await ComposeAsync(date, (current?.Version ?? 0) + 1, cancellationToken);
            await store.ReplaceAsync(issue, cancellationToken);
            Log.Regenerated(logger, issue.Date, issue.Version);
            return issue;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One version of a date's issue (1 is the first generation); null when there is no such version.</summary>
    public async Task<FrozenIssue?> GetVersionAsync(DateOnly date, int version, CancellationToken cancellationToken) =>
        (await store.GetVersionsAsync(Key(date), cancellationToken)).FirstOrDefault(v => v.Version == version);

    public Task<IReadOnlyList<FrozenIssue>> GetVersionsAsync(DateOnly date, CancellationToken cancellationToken) =>
        store.GetVersionsAsync(Key(date), cancellationToken);

    /// <summary>The archive: current versions, newest first, without bodies.</summary>
    public Task<IReadOnlyList<FrozenIssue>> ListAsync(int limit, CancellationToken cancellationToken) => store.ListAsync(limit, cancellationToken);

    public static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => gate.Dispose();

    private async Task<FrozenIssue> ComposeAsync(DateOnly date, int version, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var current = options.CurrentValue;
        // Whole seconds: LiteDB keeps milliseconds, and the next issue starts exactly where this one ends.
        var now = TruncateToSecond(time.GetUtcNow().UtcDateTime);
        var due = NewsletterCalendar.DueAt(date, current.ComposeAt, current.ResolveTimeZone());
        var end = now < due ? now : due;
        var previous = await store.GetPreviousAsync(Key(date), cancellationToken);
        var start = previous is null ? end - FirstWindow : DateTime.SpecifyKind(previous.WindowEnd, DateTimeKind.Utc);
        var window = new NewsletterWindow(start < end ? start : end, end);

        var issue = await composer.ComposeAsync(date, version, window, now, cancellationToken);
        var frozen = new FrozenIssue
        {
            Id = Key(date),
            Date = Key(date),
            Version = version,
            ComposedAt = now,
            WindowStart = window.Start,
            WindowEnd = window.End,
            Subject = issue.Subject,
            PostCount = issue.Posts.Count,
            Json = NewsletterJson.Render(issue),
            Html = NewsletterHtmlRenderer.Render(issue),
            Markdown = NewsletterMarkdownRenderer.Render(issue),
            Text = NewsletterTextRenderer.Render(issue),
        };
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.Composed(logger, frozen.Date, version, frozen.PostCount, window.Start, window.End, elapsed);
        return frozen;
    }

    private static DateTime TruncateToSecond(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static partial class Log
    {
        [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Newsletter {IssueDate} v{Version} composed: {Posts} posts from {WindowStart:o} to {WindowEnd:o} in {Duration} ms")]
        public static partial void Composed(ILogger logger, string issueDate, int version, int posts, DateTime windowStart, DateTime windowEnd, double duration);

        [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Newsletter {IssueDate} regenerated as v{Version}; the earlier version is kept")]
        public static partial void Regenerated(ILogger logger, string issueDate, int version);
    }
}
