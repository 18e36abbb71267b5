using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Model;
using AiFeed.Pages;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>Operator actions on one source (under /api/admin, behind the API key).</summary>
public static class AdminSourcesApi
{
    public static RouteGroupBuilder MapAdminSourceRoutes(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var sources = admin.MapGroup("/sources/{id}");
        sources.MapGet("/", GetAsync).WithName("AdminGetSource");
        sources.MapPost("/pause", PauseAsync).WithName("PauseSource");
        sources.MapPost("/resume", ResumeAsync).WithName("ResumeSource");
        sources.MapPost("/clear-errors", ClearErrorsAsync).WithName("ClearSourceErrors");
        return sources;
    }

    /// <summary>The source's state with its last fetch (status, bytes, duration, validators).</summary>
    public static async Task<Results<Ok<AdminSourceDto>, ProblemHttpResult>> GetAsync(
        string id, ICatalogProvider catalog, ISourceStateStore states, CancellationToken cancellationToken)
    {
        if (catalog.Current.Find(id) is not { } source)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(AdminSourceDto.From(source, await states.GetAsync(id, cancellationToken)));
    }

    public static Task<Results<Ok<AdminSourceDto>, ProblemHttpResult>> PauseAsync(
        string id, ICatalogProvider catalog, SourceControl control, CancellationToken cancellationToken) =>
        ActAsync(id, catalog, ct => control.PauseAsync(id, ct), cancellationToken);

    public static Task<Results<Ok<AdminSourceDto>, ProblemHttpResult>> ResumeAsync(
        string id, ICatalogProvider catalog, SourceControl control, CancellationToken cancellationToken) =>
        ActAsync(id, catalog, ct => control.ResumeAsync(id, ct), cancellationToken);

    public static Task<Results<Ok<AdminSourceDto>, ProblemHttpResult>> ClearErrorsAsync(
        string id, ICatalogProvider catalog, SourceControl control, CancellationToken cancellationToken) =>
        ActAsync(id, catalog, ct => control.ClearErrorsAsync(id, ct), cancellationToken);

    private static async Task<Results<Ok<AdminSourceDto>, ProblemHttpResult>> ActAsync(
        string id, ICatalogProvider catalog, Func<CancellationToken, Task<SourceState>> action, CancellationToken cancellationToken)
    {
        if (catalog.Current.Find(id) is not { } source)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(AdminSourceDto.From(source, await action(cancellationToken)));
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"no source has the id '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Source not found");
}

/// <summary>One source as an operator sees it.</summary>
public sealed record AdminSourceDto(
    string Id,
    string Name,
    string Status,
    bool Paused,
    DateTime? PausedAt,
    string? ConfiguredUrl,
    string? FeedUrl,
    DateTime? NextPollAt,
    int ConsecutiveErrors,
    string? LastError,
    DateTime? LastSuccessAt,
    LastFetchDto? LastFetch,
    string? ReadVia,
    string? FallbackReason,
    IReadOnlyList<ReadAttempt> Attempts)
{
    public static AdminSourceDto From(SourceDefinition source, SourceState? state)
    {
        var view = new SourceView(source, state);
        return new(
            source.Id,
            source.Name,
            view.StatusName,
            view.Paused,
            state?.PausedAt,
            source.Url,
            view.FeedUrl,
            view.NextPollAt,
            view.ConsecutiveErrors,
            state?.LastError,
            state?.LastSuccessAt,
            LastFetchDto.From(state),
            state?.ReadVia,
            state?.FallbackReason,
            view.Attempts);
    }
}

/// <summary>The last request to the source: null before the first poll.</summary>
public sealed record LastFetchDto(
    DateTime At,
    string? Outcome,
    int? StatusCode,
    long? Bytes,
    double? DurationMs,
    string? ETag,
    string? LastModified,
    int Items)
{
    public static LastFetchDto? From(SourceState? state) => state is { LastPollAt: { } at }
        ? new LastFetchDto(at, state.LastOutcome, state.LastStatusCode, state.LastBytes, state.LastDurationMs, state.ETag, state.LastModified, state.LastItemCount)
        : null;
}
