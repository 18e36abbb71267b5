using System.ComponentModel.DataAnnotations;

namespace AiFeed.Catalog;

/// <summary>Where feeds.json is, and how edits to it are picked up while the service runs.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    [Required]
    public string FeedsPath { get; set; } = "feeds.json";

    /// <summary>Apply edits of feeds.json without a restart.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// How often the file is re-read even without a change notification: editors that save by
    /// rename, network and container mounts do not always raise one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the content must stay unchanged before it is read as a whole (editors write in steps).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMilliseconds(300);
}
