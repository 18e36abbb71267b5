namespace AiFeed.Endpoints;

/// <summary>
/// The security headers of every response, set in one place for every page, API and error:
/// <c>X-Content-Type-Options: nosniff</c> on all of them; a Content-Security-Policy on every HTML
/// page (one the endpoint set itself, else one its <see cref="ContentSecurityPolicyMetadata"/> names,
/// else <see cref="DefaultPolicy"/>) and on any response whose endpoint names one (a worker script
/// runs under its own response's policy); <c>Referrer-Policy: no-referrer</c> on HTML.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Nothing but our own origin: no third-party scripts, fonts or images (post images are links,
    /// they load through AiFeed's image proxy, see ImagesApi), no inline script or style, no framing, forms post only to us. Fonts
    /// are our own math font (MathML).
    /// </summary>
    public const string DefaultPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Runs first in the pipeline, so error pages, rate-limit answers and static assets get the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var html = context.Response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy;
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy) && (html || declared is not null))
        {
            headers.ContentSecurityPolicy = declared ?? DefaultPolicy;
        }

        if (html)
        {
            headers["Referrer-Policy"] = "no-referrer";
        }

        return Task.CompletedTask;
    }
}

/// <summary>Endpoint metadata: the Content-Security-Policy of the endpoint's HTML, instead of <see cref="SecurityHeaders.DefaultPolicy"/>.</summary>
public sealed record ContentSecurityPolicyMetadata(string Policy);
