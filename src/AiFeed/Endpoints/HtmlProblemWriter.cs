using AiFeed.Components;
using AiFeed.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AiFeed.Endpoints;

/// <summary>
/// Browsers get errors as pages; everything else keeps ProblemDetails. A request counts as a browser's
/// when it names text/html in Accept (programs send application/json or */*) and is not for the API
/// or a feed, whose clients are programs whatever they accept. Runs for every problem the app writes:
/// typed problem results, status-code pages (an unknown address), the exception handler, rate limits.
/// </summary>
internal sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    private static readonly MediaTypeHeaderValue Html = new("text/html");

    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi")
            || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<FeedDocumentMetadata>() is not null)
        {
            return false;
        }

        return request.GetTypedHeaders().Accept.Any(a => a.IsSubsetOf(Html) && a.MatchesAllSubTypes is false && (a.Quality ?? 1) > 0);
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var detail = context.ProblemDetails.Detail;
        if (context.ProblemDetails is HttpValidationProblemDetails validation && validation.Errors.Count > 0)
        {
            detail = string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        }

        var title = context.ProblemDetails.Title ?? (status == 404 ? "Not found" : "Error");
        // The exception handler's detail may hold internals in development only; the title never does.
        var page = new RazorComponentResult<ErrorPage>(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Model"] = new ErrorModel(status, title, status >= 500 ? null : detail),
        })
        {
            StatusCode = status,
        };
        return new ValueTask(page.ExecuteAsync(http));
    }
}
