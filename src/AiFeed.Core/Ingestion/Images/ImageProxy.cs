using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion.Images;

/// <summary>
/// AiFeed's own image proxy, so a reader's visit loads nothing from other sites: it fetches only
/// images that stored posts reference (the post's picture and the images in its HTML), through the
/// feed fetcher (the same outbound address guard, redirect rules and timeouts; no cookies, no
/// referrer), with a size cap, and serves only what is a JPEG, PNG, GIF, WebP or AVIF by its bytes.
/// SVG is refused: it can carry script.
/// </summary>
public sealed partial class ImageProxy(IPostStore posts, FeedFetcher fetcher, ICatalogProvider catalog, IOptionsMonitor<ImageProxyOptions> options, ILogger<ImageProxy> logger)
{
    // A page of thumbnails from one site must not become a burst of requests to it.
    private readonly HostGates hostGates = new();

    public async Task<ProxiedImage> GetAsync(string postId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postId);
        ArgumentNullException.ThrowIfNull(key);
        var post = await posts.GetAsync(postId, cancellationToken);
        if (post is null)
        {
            return ProxiedImage.Missing($"no post has the id '{postId}'");
        }

        // The post's picture needs no HTML; an image of its body does.
        var url = PostImages.IsWeb(post.ImageUrl) && string.Equals(PostImages.Key(post.ImageUrl!), key, StringComparison.Ordinal) ? post.ImageUrl : null;
        if (url is null)
        {
            await posts.LoadHtmlAsync([post], cancellationToken);
            url = Referenced(post).FirstOrDefault(u => string.Equals(PostImages.Key(u), key, StringComparison.Ordinal));
        }

        if (url is null)
        {
            return ProxiedImage.Missing("the post references no image with this key");
        }

        var settings = options.CurrentValue;
        var address = new Uri(url);
        FetchResult fetched;
        using (await hostGates.EnterAsync(address.Host, settings.MaxConcurrencyPerHost, cancellationToken))
        {
            fetched = await fetcher.FetchAsync(
                new FetchRequest(address, null, null, catalog.Current.Defaults.UserAgent, settings.MaxBytes, settings.Timeout), cancellationToken);
        }

        if (fetched.Outcome != FetchOutcome.Ok)
        {
            var error = fetched.Error ?? $"HTTP {fetched.StatusCode}";
            Log.Failed(logger, url, postId, error);
            return ProxiedImage.Failed($"the image could not be fetched: {error}");
        }

        var type = ImageTypes.Sniff(fetched.Body.Span);
        if (type is null || fetched.ContentType is { } declared && !declared.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            Log.Refused(logger, url, postId, fetched.ContentType ?? "none");
            return ProxiedImage.Failed($"the address does not hold a JPEG, PNG, GIF, WebP or AVIF image (it sent {fetched.ContentType ?? "no type"})");
        }

        return new ProxiedImage(fetched.Body, type, null, 200);
    }

    /// <summary>Every image URL a post references: its picture first, then its HTML's images.</summary>
    public static IEnumerable<string> Referenced(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return (PostImages.IsWeb(post.ImageUrl) ? [post.ImageUrl!] : Enumerable.Empty<string>()).Concat(PostImages.Sources(post.ContentHtml));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Image {ImageUrl} of post {PostId} could not be fetched: {Error}")]
        public static partial void Failed(ILogger logger, string imageUrl, string postId, string error);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Image {ImageUrl} of post {PostId} refused: not a raster image (Content-Type {ContentType})")]
        public static partial void Refused(ILogger logger, string imageUrl, string postId, string contentType);
    }
}

/// <summary>An image to serve (Status 200), or why not: 404 for an image no post references, 502 for one that failed.</summary>
public sealed record ProxiedImage(ReadOnlyMemory<byte> Body, string? ContentType, string? Error, int Status)
{
    public static ProxiedImage Missing(string error) => new(default, null, error, 404);

    public static ProxiedImage Failed(string error) => new(default, null, error, 502);
}

/// <summary>The image proxy's limits ("Images" in appsettings).</summary>
public sealed class ImageProxyOptions
{
    public const string SectionName = "Images";

    /// <summary>Larger images are refused (a post's figures are rarely over a few MB).</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, 64 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Images fetched at once from one host; more wait their turn.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 16)]
    public int MaxConcurrencyPerHost { get; set; } = 4;

    /// <summary>How long browsers and AiFeed's own cache keep an image (an image URL's content rarely changes).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromDays(7);
}
