using AiFeed.Ingestion.Images;
using AiFeed.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// /images/{post}/{key}: a picture a stored post references, fetched by <see cref="ImageProxy"/> and
/// cached (browsers for <see cref="ImageProxyOptions.CacheFor"/>, AiFeed's output cache for a day), so
/// the pages stay on one origin under a strict CSP (img-src 'self').
/// </summary>
public static class ImagesApi
{
    public const string PolicyName = "images";

    public static IServiceCollection AddImageProxy(this IServiceCollection services)
    {
        services.AddOptions<ImageProxyOptions>().BindConfiguration(ImageProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImageProxy>();
        // Its own tag: a poll that stores posts does not throw the pictures away.
        services.AddOutputCache(o => o.AddPolicy(PolicyName, b => b.Expire(TimeSpan.FromDays(1)).Tag(PolicyName)));
        return services;
    }

    public static RouteGroupBuilder MapImages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/images").WithTags("Images").ExcludeFromDescription();
        group.MapGet("/{postId}/{key}", GetAsync).WithName("ProxiedImage").CacheOutput(PolicyName);
        return group;
    }

    /// <summary>The proxy address of an image a post references.</summary>
    public static string UrlOf(string postId, string imageUrl) => $"/images/{Uri.EscapeDataString(postId)}/{PostImages.Key(imageUrl)}";

    /// <summary>The post's picture through the proxy, for thumbnails; null when it has none.</summary>
    public static string? UrlOrNull(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return PostImages.IsWeb(post.ImageUrl) ? UrlOf(post.Id, post.ImageUrl!) : null;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string postId, string key, ImageProxy proxy, Microsoft.Extensions.Options.IOptionsMonitor<ImageProxyOptions> options, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(response);
        var image = await proxy.GetAsync(postId, key, cancellationToken);
        if (image.ContentType is null)
        {
            response.Headers.CacheControl = "no-store";
            return TypedResults.Problem(image.Error, statusCode: image.Status, title: image.Status == 404 ? "Image not found" : "Image unavailable");
        }

        response.Headers.CacheControl = $"public, max-age={(int)options.CurrentValue.CacheFor.TotalSeconds}";
        // An image opened on its own runs nothing and cannot be framed.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        return TypedResults.File(image.Body.ToArray(), image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + key + "\""));
    }
}
