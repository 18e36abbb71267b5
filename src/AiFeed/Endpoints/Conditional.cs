using AiFeed.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AiFeed.Endpoints;

/// <summary>Conditional GET for written documents (RFC 9110 §13): If-None-Match first, else If-Modified-Since.</summary>
internal static class Conditional
{
    /// <summary>Feed readers poll every few minutes; a minute of freshness matches the output cache.</summary>
    public const string CacheControl = "public, max-age=60";

    public static Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem> Answer(HttpRequest request, PublishedDocument document)
    {
        WriteValidators(request.HttpContext.Response, document.ETag, document.LastModified);
        return IsNotModified(request, document.ETag, document.LastModified)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.File(document.Body, document.ContentType);
    }

    public static void WriteValidators(HttpResponse response, string etag, DateTimeOffset lastModified)
    {
        response.Headers.ETag = etag;
        response.Headers.LastModified = lastModified.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = CacheControl;
    }

    /// <summary>
    /// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a compressing proxy that marks our tag
    /// weak still gets its 304.
    /// </summary>
    public static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        return headers.IfNoneMatch.Count > 0
            ? headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || string.Equals(tag.Tag.Value, etag, StringComparison.Ordinal))
            : headers.IfModifiedSince is { } since && lastModified <= since;
    }

    public static bool IsConditional(HttpRequest request) =>
        request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0;
}
