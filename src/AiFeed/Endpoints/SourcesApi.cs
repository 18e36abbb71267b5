using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sources").WithTags("Sources");
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
            return new SourceDto(
                source.Id,
                source.Name,
                state?.FeedUrl ?? source.Url,
                source.Site,
                source.Tags,
                source.Weight,
                NextCheck.StatusOf(source, state).ToString().ToLowerInvariant(),
                state?.LastPollAt,
                state?.LastSuccessAt,
                source.Enabled ? state?.NextCheckAt : null,
                state?.ConsecutiveErrors ?? 0,
                state?.LastError,
                state?.LastOutcome,
                state?.LastStatusCode,
                counts.GetValueOrDefault(source.Id),
                state?.ReadVia,
                state?.FallbackReason,
                state?.DiscoveredFeedUrl);
        });
        return TypedResults.Ok(new SourceListDto(
            [.. sources],
            new CatalogStatusDto(catalog.FilePath, [.. catalog.Errors.Select(e => e.ToString())])));
    }
}

public sealed record SourceListDto(IReadOnlyList<SourceDto> Sources, CatalogStatusDto Catalog);

/// <summary>The file in force and what is wrong with the file on disk, if anything.</summary>
public sealed record CatalogStatusDto(string Path, IReadOnlyList<string> Errors);

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
    string? ReadVia,
    string? FallbackReason,
    string? DiscoveredFeedUrl);
