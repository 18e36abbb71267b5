using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Publishing;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// The consolidated feed for feed readers (RSS 2.0, Atom 1.0, JSON Feed 1.1) with the API's
/// filters, and the sources as OPML. Feeds carry strong validators and sit in the output cache.
/// </summary>
public static class FeedsApi
{
    public static RouteGroupBuilder MapFeedsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Feeds").RequireRateLimiting(RateLimiting.PublicPolicy);
        group.MapGet("/feed.xml", (HttpRequest request, [AsParameters] PostQueryParameters parameters, [AsParameters] FeedServices services, CancellationToken ct) =>
            PublishAsync(request, parameters, services, SyndicationWriter.WriteRss, ct)).WithName("RssFeed").CacheOutput(FeedCaching.PolicyName);
        group.MapGet("/feed.atom", (HttpRequest request, [AsParameters] PostQueryParameters parameters, [AsParameters] FeedServices services, CancellationToken ct) =>
            PublishAsync(request, parameters, services, SyndicationWriter.WriteAtom, ct)).WithName("AtomFeed").CacheOutput(FeedCaching.PolicyName);
        group.MapGet("/feed.json", (HttpRequest request, [AsParameters] PostQueryParameters parameters, [AsParameters] FeedServices services, CancellationToken ct) =>
            PublishAsync(request, parameters, services, JsonFeedWriter.Write, ct)).WithName("JsonFeed").CacheOutput(FeedCaching.PolicyName);
        group.MapGet("/sources.opml", Opml).WithName("SourcesOpml");
        return group;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> PublishAsync(
        HttpRequest request, PostQueryParameters parameters, FeedServices services, Func<FeedChannel, PublishedDocument> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(write);
        var query = parameters.ToQuery(out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await services.Posts.QueryAsync(query, cancellationToken);
        var catalog = services.Catalog.Current;
        var entries = page.Items.Select(p => FeedEntry.From(p, PostSummaryDto.NameOf(p.SourceId, catalog), perStory: !query.Expand)).ToList();
        var home = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var channel = new FeedChannel(
            TitleOf(query, catalog),
            $"AI and machine learning writing from {catalog.Sources.Count} sources, newest first.",
            home,
            new Uri(home, request.Path.Value!.TrimStart('/') + request.QueryString),
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated),
            entries);
        return Conditional.Answer(request, write(channel));
    }

    public static FileContentHttpResult Opml(ICatalogProvider catalog, TimeProvider time, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentDisposition = "inline; filename=\"aifeed-sources.opml\"";
        return TypedResults.File(OpmlWriter.Write(catalog.Current, "AiFeed sources", time.GetUtcNow()), OpmlWriter.ContentType);
    }

    /// <summary>"AiFeed", or "AiFeed: tag llm, source openai, “agents”" for a filtered feed.</summary>
    internal static string TitleOf(PostQuery query, FeedCatalog catalog)
    {
        var parts = new List<string>();
        if (query.Tags.Count > 0)
        {
            parts.Add("tag " + string.Join(" + ", query.Tags));
        }

        if (query.Sources.Count > 0)
        {
            parts.Add("source " + string.Join(" or ", query.Sources.Select(s => PostSummaryDto.NameOf(s, catalog))));
        }

        if (query.Terms.Count > 0)
        {
            parts.Add("“" + string.Join(' ', query.Terms) + "”");
        }

        return parts.Count == 0 ? "AiFeed" : "AiFeed: " + string.Join(", ", parts);
    }
}

/// <summary>What the feed handlers read.</summary>
public sealed record FeedServices(IPostStore Posts, ICatalogProvider Catalog);
