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
        var headers = request.GetTypedHeaders();
        var response = request.HttpContext.Response;
        response.Headers.ETag = document.ETag;
        response.Headers.LastModified = document.LastModified.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = CacheControl;
        var notModified = headers.IfNoneMatch.Count > 0
            ? headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && string.Equals(tag.Tag.Value, document.ETag, StringComparison.Ordinal)))
            : headers.IfModifiedSince is { } since && document.LastModified <= since;
        return notModified
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.File(document.Body, document.ContentType);
    }
}
