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
        // HEAD as well as GET: feed validators and link checkers ask for the headers alone.
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        group.MapMethods("/feed.xml", methods, (HttpRequest request, [AsParameters] PostQueryParameters parameters, [AsParameters] FeedServices services, CancellationToken ct) =>
            PublishAsync(request, parameters, services, SyndicationWriter.WriteRss, ct)).WithName("RssFeed").CacheOutput(FeedCaching.PolicyName).WithMetadata(new FeedDocumentMetadata());
        group.MapMethods("/feed.atom", methods, (HttpRequest request, [AsParameters] PostQueryParameters parameters, [AsParameters] FeedServices services, CancellationToken ct) =>
            PublishAsync(request, parameters, services, SyndicationWriter.WriteAtom, ct)).WithName("AtomFeed").CacheOutput(FeedCaching.PolicyName).WithMetadata(new FeedDocumentMetadata());
        group.MapMethods("/feed.json", methods, (HttpRequest request, [AsParameters] PostQueryParameters parameters, [AsParameters] FeedServices services, CancellationToken ct) =>
            PublishAsync(request, parameters, services, JsonFeedWriter.Write, ct)).WithName("JsonFeed").CacheOutput(FeedCaching.PolicyName).WithMetadata(new FeedDocumentMetadata());
        group.MapMethods("/sources.opml", methods, Opml).WithName("SourcesOpml");
        return group;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> PublishAsync(
        HttpRequest request, PostQueryParameters parameters, FeedServices services, Func<FeedChannel, PublishedDocument> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(write);
        var values = new QueryValues();
        var query = parameters.ToQuery(values);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        var page = await services.Posts.QueryAsync(query, cancellationToken);
        // Feed readers get each post's HTML: read for the page's posts in one go.
        await services.Posts.LoadHtmlAsync(page.Items, cancellationToken);
        var catalog = services.Catalog.Current;
        var home = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var entries = page.Items.Select(p => FeedEntry.From(
            p,
            PostSummaryDto.NameOf(p.SourceId, catalog),
            perStory: !query.Expand,
            SourceUrlOf(p.SourceId, catalog),
            ImagesApi.UrlOrNull(p) is { } image ? new Uri(home, image.TrimStart('/')) : null)).ToList();
        var channel = new FeedChannel(
            TitleOf(query, catalog),
            DescriptionOf(query, catalog),
            home,
            new Uri(home, request.Path.Value!.TrimStart('/') + request.QueryString),
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated),
            entries);
        var document = write(channel);
        services.Validators.Remember(request, document);
        return Conditional.Answer(request, document);
    }

    /// <summary>Says how many posts the document holds at most, so a reader who misses older posts knows why and how to get more.</summary>
    internal static string DescriptionOf(PostQuery query, FeedCatalog catalog) =>
        $"AI and machine learning writing from {catalog.Sources.Count} sources, newest first: the newest {query.Limit} posts "
        + $"?limit= asks for up to {PostQuery.MaxLimit}.";

    private static Uri? SourceUrlOf(string sourceId, FeedCatalog catalog) =>
        catalog.Find(sourceId) is { } source && Uri.TryCreate(source.Url ?? source.Site, UriKind.Absolute, out var url) ? url : null;

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
public sealed record FeedServices(IPostStore Posts, ICatalogProvider Catalog, FeedRevalidation Validators);
