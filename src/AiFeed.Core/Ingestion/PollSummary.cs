using System.Text.Json.Serialization;

namespace AiFeed.Ingestion;

/// <summary>Totals of one poll run; the CLI prints it as one JSON line.</summary>
public sealed record PollSummary
{
    [JsonPropertyName("sources")]
    public int Sources { get; init; }

    [JsonPropertyName("ok")]
    public int Ok { get; init; }

    [JsonPropertyName("not_modified")]
    public int NotModified { get; init; }

    [JsonPropertyName("fetch_errors")]
    public int FetchErrors { get; init; }

    [JsonPropertyName("parse_errors")]
    public int ParseErrors { get; init; }

    [JsonPropertyName("scrape_broken")]
    public int ScrapeBroken { get; init; }

    [JsonPropertyName("items")]
    public int Items { get; init; }

    [JsonPropertyName("new_posts")]
    public int NewPosts { get; init; }

    [JsonPropertyName("updated_posts")]
    public int UpdatedPosts { get; init; }

    [JsonPropertyName("stored_posts")]
    public long StoredPosts { get; init; }

    [JsonPropertyName("elapsed_s")]
    public double ElapsedSeconds { get; init; }

    public static PollSummary From(IReadOnlyCollection<RefreshReport> reports, long storedPosts, TimeSpan elapsed) => new()
    {
        Sources = reports.Count,
        Ok = reports.Count(r => r.Outcome == RefreshOutcome.Ok),
        NotModified = reports.Count(r => r.Outcome == RefreshOutcome.NotModified),
        FetchErrors = reports.Count(r => r.Outcome == RefreshOutcome.FetchError),
        ParseErrors = reports.Count(r => r.Outcome == RefreshOutcome.ParseError),
        ScrapeBroken = reports.Count(r => r.Outcome == RefreshOutcome.ScrapeBroken),
        Items = reports.Sum(r => r.Items),
        NewPosts = reports.Sum(r => r.NewPosts),
        UpdatedPosts = reports.Sum(r => r.UpdatedPosts),
        StoredPosts = storedPosts,
        ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 3),
    };
}
