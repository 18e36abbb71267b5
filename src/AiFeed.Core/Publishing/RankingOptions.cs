using System.ComponentModel.DataAnnotations;

namespace AiFeed.Publishing;

/// <summary>The "top posts" score: source weight × recency decay × cluster-size boost × tag boost.</summary>
public sealed class RankingOptions
{
    public const string SectionName = "Ranking";

    /// <summary>Age at which recency halves the score in a 24-hour window; it scales with the window asked for (48 h: twice this).</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Added to the factor per extra source carrying the story: 1 + boost × (sources − 1), capped.</summary>
    [Range(0, 10)]
    public double ClusterBoost { get; set; } = 0.5;

    /// <summary>Largest cluster-size factor: a story ten aggregators echo is not ten times as important.</summary>
    [Range(1, 100)]
    public double MaxClusterFactor { get; set; } = 3;

    /// <summary>Factor per tag, multiplied for each tag a post carries (e.g. <c>Ranking__TagBoosts__safety=1.5</c>); 1 when absent.</summary>
    [Required]
    public Dictionary<string, double> TagBoosts { get; set; } = new(StringComparer.Ordinal)
    {
        ["open-models"] = 1.2,
        ["research-papers"] = 1.1,
    };
}
