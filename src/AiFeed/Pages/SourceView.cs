using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Model;

namespace AiFeed.Pages;

/// <summary>
/// One source as every view shows it (/sources, /api/sources, the admin API): the fields they share
/// are worked out here once, so a paused or disabled source has no next poll anywhere.
/// </summary>
public sealed record SourceView(SourceDefinition Source, SourceState? State)
{
    public SourceStatus Status => NextCheck.StatusOf(Source, State);

    public string StatusName => Status.ToString().ToLowerInvariant();

    /// <summary>The feed polled now: a permanent redirect's target, else the configured URL.</summary>
    public string? FeedUrl => State?.FeedUrl ?? Source.Url;

    public bool Paused => State?.Paused ?? false;

    /// <summary>Null when nothing is scheduled: disabled, paused, or never polled (the next dispatch takes it).</summary>
    public DateTime? NextPollAt => Source.Enabled && !Paused ? State?.NextCheckAt : null;

    public int ConsecutiveErrors => State?.ConsecutiveErrors ?? 0;

    public IReadOnlyList<ReadAttempt> Attempts => (IReadOnlyList<ReadAttempt>?)State?.Attempts ?? [];
}
