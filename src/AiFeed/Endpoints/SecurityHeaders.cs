namespace AiFeed.Endpoints;

/// <summary>
/// The security headers of every response, set in one place for every page stack, API and error:
/// <c>X-Content-Type-Options: nosniff</c> on all of them; on HTML, a Content-Security-Policy (one the
/// endpoint set itself, else one its metadata names, else <see cref="DefaultPolicy"/>) and
/// <c>Referrer-Policy: no-referrer</c>.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Nothing but our own origin: no third-party scripts, fonts or images (post images are links,
    /// see LinkOnlyImages), no inline script or style, no framing, forms post only to us.
    /// </summary>
    public const string DefaultPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The study-plan pages carry their style and script inline (Pages/HtmlPage.cs); until they join
    /// the reader's Razor stack (issue 23) they get this policy, strict in all else. What they render
    /// comes from the repository's content files, and their script writes answers as text only.
    /// </summary>
    public const string InlinePagesPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'; " +
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
        if (context.Response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy ?? DefaultPolicy;
            }

            headers["Referrer-Policy"] = "no-referrer";
        }

        return Task.CompletedTask;
    }
}

/// <summary>Endpoint metadata: the Content-Security-Policy of the endpoint's HTML, instead of <see cref="SecurityHeaders.DefaultPolicy"/>.</summary>
public sealed record ContentSecurityPolicyMetadata(string Policy);
