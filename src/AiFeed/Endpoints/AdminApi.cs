using System.Security.Cryptography;
using System.Text;
using AiFeed.Catalog;
using AiFeed.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

/// <summary>Operator actions, behind the X-Api-Key header.</summary>
public static class AdminApi
{
    public const string HeaderName = "X-Api-Key";

    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        return services;
    }

    /// <summary>
    /// User secrets in every environment, not only Development: `dotnet run` runs as Production (there
    /// is no launch profile), and `dotnet user-secrets set Admin:ApiKey …` is how a newcomer sets the key.
    /// They go where Development puts them, after the JSON files and before the environment and the
    /// command line, which still win. No secrets file (a container) adds nothing.
    /// </summary>
    public static IConfigurationManager AddAdminKeyFromUserSecrets(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            return configuration;
        }

        var secrets = new ConfigurationBuilder().AddUserSecrets(typeof(AdminApi).Assembly, optional: true, reloadOnChange: false).Sources[0];
        var lastJson = configuration.Sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource);
        configuration.Sources.Insert(lastJson.source is null ? 0 : lastJson.index + 1, secrets);
        return configuration;
    }

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        // Rate limited too: it slows down anyone guessing the key.
        var group = routes.MapGroup("/api/admin").WithTags("Admin").RequireRateLimiting(RateLimiting.PublicPolicy);
        group.AddEndpointFilter(RequireApiKeyAsync);
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));
        group.MapPost("/poll", PollAsync).WithName("Poll");
        group.MapAdminSourceRoutes();
        group.MapPost("/newsletter/{date}", NewsletterApi.RegenerateAsync).WithName("RegenerateNewsletterIssue");
        group.MapNewsletterAdminRoutes();
        return group;
    }

    public static async Task<Results<Ok<PollSummary>, ProblemHttpResult>> PollAsync(
        string? source, SourcePoller poller, ICatalogProvider catalog, CancellationToken cancellationToken)
    {
        if (source is not null && catalog.Current.Find(source) is null)
        {
            return TypedResults.Problem($"no source has the id '{source}'", statusCode: StatusCodes.Status404NotFound, title: "Source not found");
        }

        return TypedResults.Ok(await poller.PollNowAsync(source, cancellationToken));
    }

    private static async ValueTask<object?> RequireApiKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(configured))
        {
            // No key configured means the admin API is off, not open.
            return TypedResults.Problem("the admin API is off: no API key is configured (Admin:ApiKey)", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (!KeysMatch(configured, given))
        {
            return TypedResults.Problem($"the {HeaderName} header is missing or does not match the configured key", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return await next(context);
    }

    /// <summary>Constant time in the key's content and length: hashes are compared, not the keys.</summary>
    internal static bool KeysMatch(string configured, string given) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}

/// <summary>The admin API key (aifeed admin-key prints one): user secrets, the environment (Admin__ApiKey) or any configuration source, never a committed file.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? ApiKey { get; set; }
}
