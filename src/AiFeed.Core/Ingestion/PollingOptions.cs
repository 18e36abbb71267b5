using System.ComponentModel.DataAnnotations;

namespace AiFeed.Ingestion;

/// <summary>How the scheduler runs; per-source intervals come from feeds.json.</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>
    /// Off in tests that drive polls themselves, and on cluster nodes that serve the API only:
    /// with the shared PostgreSQL store such a node runs no scheduler at all (docs/operations.md#cluster).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due sources.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a cluster node (Storage:Provider=postgres) records in the shared schedule that it is
    /// alive; a node silent for about twice this is taken for dead and its running poll is taken over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sources read and waiting for the single writer, per place the catalog's maxConcurrency gives
    /// a request. 1 keeps the service's peak memory where decision 0073 measured it; the one-shot
    /// poll verb reads with 2, so that the next sources are fetched and built while the writer stores
    /// the last ones (decision 0084).
    /// </summary>
    [Range(1, 4)]
    public int ReadAhead { get; set; } = 1;

    /// <summary>Replaces every source's interval (the --poll-interval flag; for tests and benchmarks).</summary>
    public TimeSpan? IntervalOverride { get; set; }
}
