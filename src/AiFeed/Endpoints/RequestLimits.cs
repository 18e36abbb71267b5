using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

/// <summary>
/// How much of a request body AiFeed takes: a small cap for the whole server (Kestrel's own was 30 MB,
/// and four 28 MB submissions took the service from 117 MB to 5.2 GB), a smaller one for JSON bodies
/// (read by <see cref="JsonBody"/>), and a body that cannot be read or bound (malformed JSON, too
/// large) answered as a ProblemDetails that says what is wrong.
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        // A body a handler binds ([FromBody]) that is no valid JSON, or too large, throws
        // BadHttpRequestException, which the handler below turns into a problem naming the fault;
        // without this it was a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblemHandler>();
        return services;
    }

    private sealed class BadRequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not Microsoft.AspNetCore.Http.BadHttpRequestException bad || httpContext.Response.HasStarted)
            {
                return false;
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                    Detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {JsonBody.Describe(json)}" : bad.Message,
                },
            });
        }
    }
}

/// <summary>Request body limits, in bytes.</summary>
public sealed class RequestLimitOptions : IValidatableObject
{
    public const string SectionName = "RequestLimits";

    /// <summary>
    /// The largest JSON body an endpoint reads. Most submissions of answers are a few KB; the largest
    /// problems' answers at their stated limits, in full double precision, are up to ~600 KB
    /// (gae-advantages), which a test keeps under two thirds of this.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest request body the server accepts at all, for any endpoint.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxJsonBodyBytes > MaxRequestBodyBytes)
        {
            yield return new ValidationResult(
                $"MaxJsonBodyBytes ({MaxJsonBodyBytes}) is larger than MaxRequestBodyBytes ({MaxRequestBodyBytes}), which caps every body",
                [nameof(MaxJsonBodyBytes)]);
        }
    }
}
