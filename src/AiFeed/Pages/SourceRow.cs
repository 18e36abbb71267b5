using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Pages;

/// <summary>One source on the sources page.</summary>
public sealed record SourceRow(
    string Id,
    string Name,
    string? FeedUrl,
    string? Site,
    SourceStatus Status,
    DateTime? LastSuccessAt,
    DateTime? NextPollAt,
    int PostCount,
    string? LastRead,
    string? LastError,
    IReadOnlyList<ReadAttempt> Attempts,
    string? Warning,
    int LastItemCount = 0)
{
    public static SourceRow From(SourceDefinition source, SourceState? state, int postCount)
    {
        ArgumentNullException.ThrowIfNull(source);
        var view = new SourceView(source, state);
        return new SourceRow(
            source.Id,
            source.Name,
            view.FeedUrl,
            source.Site,
            view.Status,
            state?.LastSuccessAt,
            view.NextPollAt,
            postCount,
            state is null ? null : SourceWords.LastRead(state),
            state is { ConsecutiveErrors: > 0 } ? SourceWords.Error(state) : null,
            view.Attempts,
            state?.LastWarning,
            state?.LastItemCount ?? 0);
    }

    /// <summary>The attempts are worth a list when something other than the configured way was tried.</summary>
    public bool ShowsAttempts => Attempts.Count > 1 || Attempts.Any(a => a.Outcome != ReadAttemptOutcome.Ok);
}

/// <summary>Sources page model; <see cref="MaxItems"/> is feeds.json's maxItemsPerFeed, the items kept from one document.</summary>
public sealed record SourcesModel(IReadOnlyList<SourceRow> Rows, IReadOnlyList<string> CatalogErrors, DateTime Now, int MaxItems)
{
    /// <summary>"599 items in the last document; the newest 500 kept", when the cap cut it.</summary>
    public string? CapNote(SourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.LastItemCount > MaxItems
            ? $"{row.LastItemCount} items in the last document; the newest {MaxItems} kept (maxItemsPerFeed)"
            : null;
    }
}
