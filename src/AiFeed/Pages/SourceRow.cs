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
    string? Warning)
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
            state?.LastWarning);
    }

    /// <summary>The attempts are worth a list when something other than the configured way was tried.</summary>
    public bool ShowsAttempts => Attempts.Count > 1 || Attempts.Any(a => a.Outcome != ReadAttemptOutcome.Ok);
}

/// <summary>Sources page model.</summary>
public sealed record SourcesModel(IReadOnlyList<SourceRow> Rows, IReadOnlyList<string> CatalogErrors, DateTime Now);
