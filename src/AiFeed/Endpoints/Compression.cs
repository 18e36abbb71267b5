using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace AiFeed.Endpoints;

/// <summary>
/// Brotli, else gzip, for text answers: feeds, pages, the API, stylesheet and scripts (a 45 KB feed
/// is ~10 KB gzipped). Fastest levels: the output cache keeps the uncompressed body, so every answer
/// is compressed afresh, and at these sizes the fastest level loses little. Over HTTPS too: the pages
/// carry no secret beside reflected input (no cookies, no tokens), which is what BREACH needs.
/// </summary>
public static class Compression
{
    private static readonly string[] TextTypes =
    [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/problem+json",
        "text/x-opml", "image/svg+xml", "application/manifest+json",
    ];

    public static IServiceCollection AddResponseCompressionForText(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, .. TextTypes];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
