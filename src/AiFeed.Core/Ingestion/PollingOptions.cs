using System.ComponentModel.DataAnnotations;

namespace AiFeed.Ingestion;

/// <summary>How the scheduler runs; per-source intervals come from feeds.json.</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Off in tests that drive polls themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due sources.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Replaces every source's interval (the --poll-interval flag; for tests and benchmarks).</summary>
    public TimeSpan? IntervalOverride { get; set; }
}
