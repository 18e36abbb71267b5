using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// Loopback Kestrel serving the synthetic feeds gzipped with strong ETags and 304s. It runs in its own
/// process (<see cref="FeedServerHost"/>), so neither its bodies nor the generator count against the
/// bench's working set; requests under /_control go to the host's handler and are not counted.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Gzip, string ETag, int RawLength)> bodies = new(StringComparer.Ordinal);
    private readonly WebApplication app;
    private readonly Func<HttpContext, Task> control;
    private long requests;
    private long notModified;
    private long bytes;

    private FeedServer(WebApplication app, Func<HttpContext, Task> control)
    {
        this.app = app;
        this.control = control;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public long RawBytes => bodies.Values.Sum(b => (long)b.RawLength);

    /// <summary>Cancelled when the host is asked to stop (SIGINT or SIGTERM reach the child too).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    public static async Task<FeedServer> StartAsync(SyntheticFeeds feeds, Func<HttpContext, Task> control, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var server = new FeedServer(builder.Build(), control);
        server.app.Run(server.ServeAsync);
        foreach (var feed in feeds.All)
        {
            server.Publish(feed);
        }

        await server.app.StartAsync(cancellationToken);
        server.BaseAddress = new Uri(server.app.Urls.First());
        return server;
    }

    /// <summary>Renders the feed again: a new body and a new ETag.</summary>
    public void Publish(SyntheticFeed feed)
    {
        var raw = FeedRenderer.Render(feed);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(raw).AsSpan(0, 12)) + "\"";
        bodies[feed.Path] = (buffer.ToArray(), etag, raw.Length);
    }

    public (long Requests, long NotModified, long Bytes) TakeCounters() =>
        (Interlocked.Exchange(ref requests, 0), Interlocked.Exchange(ref notModified, 0), Interlocked.Exchange(ref bytes, 0));

    public long GzipBytes => bodies.Values.Sum(b => (long)b.Gzip.Length);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(FeedServerHost.ControlPath, StringComparison.Ordinal))
        {
            await control(context);
            return;
        }

        Interlocked.Increment(ref requests);
        if (!bodies.TryGetValue(context.Request.Path.Value ?? "", out var body))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.Headers.ETag = body.ETag;
        if (context.Request.Headers.IfNoneMatch.Any(v => string.Equals(v, body.ETag, StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref notModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = context.Request.Path.Value!.EndsWith(".atom", StringComparison.Ordinal) ? "application/atom+xml" : "application/rss+xml";
        if (context.Request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = body.Gzip.Length;
            Interlocked.Add(ref bytes, body.Gzip.Length);
            await context.Response.Body.WriteAsync(body.Gzip, context.RequestAborted);
            return;
        }

        using var plain = new GZipStream(new MemoryStream(body.Gzip), CompressionMode.Decompress);
        using var counted = new MemoryStream();
        await plain.CopyToAsync(counted, context.RequestAborted);
        Interlocked.Add(ref bytes, counted.Length);
        await context.Response.Body.WriteAsync(counted.GetBuffer().AsMemory(0, (int)counted.Length), context.RequestAborted);
    }
}
