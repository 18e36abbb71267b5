using System.Collections.Concurrent;
using AiFeed.Catalog;
using AiFeed.Publishing;

namespace AiFeed.Endpoints;

/// <summary>
/// A feed reader that asks "changed since?" and hears "no" (304) costs a dictionary lookup and no
/// body, so it does not count against the rate limit: the validators of every feed document written
/// in the last <see cref="FeedCaching.Expiry"/> are remembered by URL, and a conditional request that
/// matches them is answered before the limiter. Anything else (a first request, a stale copy, a
/// URL not written recently) goes through the limiter and the handler as before. Forgotten when a
/// poll stores posts (see FeedCaching) or the catalog changes, like the output cache.
/// </summary>
public sealed class FeedRevalidation
{
    /// <summary>A bound on memory against clients that invent query strings; past it the map starts afresh.</summary>
    public const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<string, Validators> byUrl = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public FeedRevalidation(TimeProvider time, ICatalogProvider catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.time = time;
        // A singleton for the app's life: the subscription lasts as long as the catalog provider.
        catalog.Changed += (_, _) => Forget();
    }

    public void Remember(HttpRequest request, PublishedDocument document)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(document);
        if (byUrl.Count >= MaxRemembered)
        {
            byUrl.Clear();
        }

        byUrl[KeyOf(request)] = new Validators(document.ETag, document.LastModified, time.GetUtcNow() + FeedCaching.Expiry);
    }

    public void Forget() => byUrl.Clear();

    /// <summary>Answers 304 with the validators when the client's copy is the current document.</summary>
    public bool TryAnswerNotModified(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !Conditional.IsConditional(request)
            || context.GetEndpoint()?.Metadata.GetMetadata<FeedDocumentMetadata>() is null
            || !byUrl.TryGetValue(KeyOf(request), out var known)
            || known.Expires <= time.GetUtcNow()
            || !Conditional.IsNotModified(request, known.ETag, known.LastModified))
        {
            return false;
        }

        Conditional.WriteValidators(context.Response, known.ETag, known.LastModified);
        context.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }

    private static string KeyOf(HttpRequest request) => request.Path.Value + request.QueryString.Value;

    private sealed record Validators(string ETag, DateTimeOffset LastModified, DateTimeOffset Expires);
}

/// <summary>Endpoint metadata: the endpoint writes a feed document whose validators <see cref="FeedRevalidation"/> may answer for.</summary>
public sealed record FeedDocumentMetadata;

public static class FeedRevalidationExtensions
{
    /// <summary>Before the rate limiter, after routing (the endpoint is known).</summary>
    public static IApplicationBuilder UseFeedRevalidation(this IApplicationBuilder app) =>
        app.Use((context, next) =>
            context.RequestServices.GetRequiredService<FeedRevalidation>().TryAnswerNotModified(context)
                ? Task.CompletedTask
                : next(context));
}
