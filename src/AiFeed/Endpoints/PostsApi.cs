using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/posts").WithTags("Posts").RequireRateLimiting(RateLimiting.PublicPolicy);
        group.MapGet("/", ListAsync).WithName("ListPosts").CacheOutput(ApiCaching.PolicyName);
        group.MapGet("/count", CountAsync).WithName("CountPosts");
        group.MapGet("/{id}", GetAsync).WithName("GetPost");
        return group;
    }

    public static async Task<Results<Ok<PostListDto>, ValidationProblem>> ListAsync(
        [AsParameters] PostQueryParameters parameters, IPostStore posts, ICatalogProvider catalog, CancellationToken cancellationToken)
    {
        var values = new QueryValues();
        var query = parameters.ToQuery(values);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        var page = await posts.ListAsync(query, cancellationToken);
        return TypedResults.Ok(PostListDto.From(page, catalog.Current));
    }

    public static async Task<Results<Ok<CountDto>, ValidationProblem>> CountAsync(
        [AsParameters] PostQueryParameters parameters, IPostStore posts, CancellationToken cancellationToken)
    {
        var values = new QueryValues();
        var query = parameters.ToQuery(values);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        return TypedResults.Ok(new CountDto(await posts.CountAsync(query, cancellationToken)));
    }

    public static async Task<Results<Ok<PostDetailDto>, ProblemHttpResult>> GetAsync(
        string id, IPostStore posts, ICatalogProvider catalog, PostTagger tagger, CancellationToken cancellationToken)
    {
        var post = await posts.GetWithHtmlAsync(id, cancellationToken);
        var current = catalog.Current;
        return post is null
            ? TypedResults.Problem($"no post has the id '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Post not found")
            : TypedResults.Ok(PostDetailDto.From(post, current, tagger.Explain(post, current.Find(post.SourceId))));
    }
}
