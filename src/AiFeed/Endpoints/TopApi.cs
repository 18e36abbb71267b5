using AiFeed.Catalog;
using AiFeed.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiFeed.Endpoints;

public static class TopApi
{
    public const int MaxHours = 24 * 30;

    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapTopApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/top").WithTags("Ranking");
        group.MapGet("/", GetTopAsync).WithName("TopPosts").CacheOutput(ApiCaching.PolicyName);
        return group;
    }

    public static async Task<Results<Ok<TopListDto>, ValidationProblem>> GetTopAsync(
        [FromQuery(Name = "hours")] string? hours,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "tag")] string[]? tag,
        TopPostsService top,
        ICatalogProvider catalog,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var values = new QueryValues();
        var window = values.Whole(hours, "hours", 24, 1, MaxHours);
        var count = values.Whole(limit, "limit", 10, 1, MaxLimit);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        var tags = QueryValues.Tags(tag);
        var since = time.GetUtcNow().UtcDateTime.AddHours(-window);
        var ranked = await top.GetTopAsync(since, count, tags, cancellationToken);
        var current = catalog.Current;
        var note = ranked.Count == 0 ? await top.ExplainEmptyAsync(since, tags, cancellationToken) : null;
        return TypedResults.Ok(new TopListDto(since, [.. ranked.Select(r => new TopPostDto(
            PostSummaryDto.From(r.Post, current),
            Math.Round(r.Score, 6),
            new ScorePartsDto(r.SourceWeight, Math.Round(r.Recency, 6), Math.Round(r.AgeHours, 3), r.ClusterFactor, r.Post.Sources.Count, r.TagFactor, Math.Round(r.HalfLifeHours, 3))))], note));
    }
}

/// <summary>The ranked stories; when there are none, <c>note</c> says why.</summary>
public sealed record TopListDto(DateTime Since, IReadOnlyList<TopPostDto> Items, string? Note);

/// <summary>One ranked story: score = sourceWeight × recency × clusterFactor × tagFactor.</summary>
public sealed record TopPostDto(PostSummaryDto Post, double Score, ScorePartsDto Parts);

/// <summary>recency = 0.5^(ageHours / halfLifeHours); the half-life scales with the window asked for.</summary>
public sealed record ScorePartsDto(double SourceWeight, double Recency, double AgeHours, double ClusterFactor, int Sources, double TagFactor, double HalfLifeHours);
