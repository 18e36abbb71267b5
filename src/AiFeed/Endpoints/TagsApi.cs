using AiFeed.Catalog;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiFeed.Endpoints;

public static class TagsApi
{
    public static RouteGroupBuilder MapTagsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tags").WithTags("Tags");
        group.MapGet("/", ListAsync).WithName("ListTags");
        return group;
    }

    /// <summary>Every taxonomy tag and every source tag with the number of stories (or, expanded, posts) carrying it; most used first.</summary>
    public static async Task<Results<Ok<TagListDto>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "expand")] string? expand, IPostStore posts, ICatalogProvider catalog, CancellationToken cancellationToken)
    {
        var values = new QueryValues();
        var expanded = values.Boolean(expand, "expand");
        if (values.HasErrors)
        {
            return values.Problem();
        }

        var current = catalog.Current;
        var labels = new Dictionary<string, (string Label, string Kind)>(StringComparer.Ordinal);
        foreach (var tag in current.Taxonomy.Tags)
        {
            labels.TryAdd(tag.Name, (tag.Label, "taxonomy"));
        }

        foreach (var tag in current.Sources.SelectMany(s => s.Tags))
        {
            labels.TryAdd(tag, (tag, "source"));
        }

        var counts = await posts.CountByTagAsync(labels.Keys, expanded, cancellationToken);
        return TypedResults.Ok(new TagListDto([.. labels
            .Select(l => new TagDto(l.Key, l.Value.Label, l.Value.Kind, counts.GetValueOrDefault(l.Key)))
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Name, StringComparer.Ordinal)]));
    }
}

public sealed record TagListDto(IReadOnlyList<TagDto> Items);

/// <summary>Kind: "taxonomy" (matched from text) or "source" (a source's default tag).</summary>
public sealed record TagDto(string Name, string Label, string Kind, long Count);
