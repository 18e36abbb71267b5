using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Pages;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sources").WithTags("Sources").RequireRateLimiting(RateLimiting.PublicPolicy);
        group.MapGet("/", ListAsync).WithName("ListSources");
        return group;
    }

    public static async Task<Ok<SourceListDto>> ListAsync(
        ICatalogProvider catalog, ISourceStateStore states, IPostStore posts, CancellationToken cancellationToken)
    {
        var current = catalog.Current;
        var byId = (await states.GetAllAsync(cancellationToken)).ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        var counts = await posts.CountBySourceAsync(cancellationToken);
        var sources = current.Sources.Select(source =>
        {
            var state = byId.GetValueOrDefault(source.Id);
            var view = new SourceView(source, state);
            return new SourceDto(
                source.Id,
                source.Name,
                view.FeedUrl,
                source.Site,
                source.Tags,
                source.Weight,
                view.StatusName,
                state?.LastPollAt,
                state?.LastSuccessAt,
                view.NextPollAt,
                view.ConsecutiveErrors,
                state?.LastError,
                state?.LastOutcome,
                state?.LastStatusCode,
                counts.GetValueOrDefault(source.Id),
                view.Paused,
                LastFetchDto.From(state),
                state?.ReadVia,
                state?.FallbackReason,
                state?.DiscoveredFeedUrl,
                view.Attempts,
                state?.LastWarning);
        });

        // Sources taken out of feeds.json keep their posts; list them so those posts can be found.
        var removed = counts
            .Where(c => current.Find(c.Key) is null)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new RemovedSourceDto(c.Key, c.Value));
        var polling = PollingOverview.Of(current, [.. byId.Values]);
        return TypedResults.Ok(new SourceListDto(
            [.. sources],
            new CatalogStatusDto(catalog.FilePath, [.. catalog.Errors.Select(e => e.ToString())], catalog.Errors.Count == 0, catalog.AppliedAt),
            [.. removed],
            new PollingStatusDto(polling.Enabled, polling.NotPolled, polling.Ok, polling.Failing, polling.Reasons, polling.Describe())));
    }
}

public sealed record SourceListDto(IReadOnlyList<SourceDto> Sources, CatalogStatusDto Catalog, IReadOnlyList<RemovedSourceDto> RemovedSources, PollingStatusDto Polling);

/// <summary>Where polling stands over the enabled sources: not polled yet, fine, failing and why (<see cref="PollingOverview"/>).</summary>
public sealed record PollingStatusDto(int Enabled, int NotPolled, int Ok, int Failing, IReadOnlyList<FailureReason> Reasons, string Summary);

/// <summary>
/// The file in force and what is wrong with the file on disk, if anything: with errors, the
/// catalog applied at <paramref name="AppliedAt"/> (the last good one) stays in force.
/// </summary>
public sealed record CatalogStatusDto(string Path, IReadOnlyList<string> Errors, bool Valid, DateTimeOffset? AppliedAt);

/// <summary>A source no longer in feeds.json whose posts are still stored.</summary>
public sealed record RemovedSourceDto(string Id, int PostCount);

public sealed record SourceDto(
    string Id,
    string Name,
    string? Url,
    string? Site,
    IReadOnlyList<string> Tags,
    double Weight,
    string Status,
    DateTime? LastPollAt,
    DateTime? LastSuccessAt,
    DateTime? NextPollAt,
    int ConsecutiveErrors,
    string? LastError,
    string? LastOutcome,
    int? LastStatusCode,
    int PostCount,
    bool Paused,
    LastFetchDto? LastFetch,
    string? ReadVia,
    string? FallbackReason,
    string? DiscoveredFeedUrl,
    IReadOnlyList<ReadAttempt> Attempts,
    string? Warning);
