using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

/// <summary>Per-client-IP limits on the public API and the feed outputs: 429 with Retry-After, as a problem document.</summary>
public static class RateLimiting
{
    /// <summary>The policy public groups opt into with <c>RequireRateLimiting(RateLimiting.PublicPolicy)</c>.</summary>
    public const string PublicPolicy = "public";

    public static IServiceCollection AddPublicRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(PublicPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
                return PerClient(context, options.PermitLimit, options.Window);
            });
        });
        return services;
    }

    /// <summary>A fixed window of <paramref name="permitLimit"/> requests per client IP, no queue.</summary>
    internal static RateLimitPartition<string> PerClient(HttpContext context, int permitLimit, TimeSpan window) =>
        // Behind a reverse proxy, configure forwarded headers so this is the client, not the proxy.
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : (int)Math.Ceiling(http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.Window.TotalSeconds);
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"this client sent more requests than allowed; retry after {retryAfter} s",
            },
        });
    }
}

/// <summary>Requests one client IP may make per window on the public API and feed outputs.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimiting";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
