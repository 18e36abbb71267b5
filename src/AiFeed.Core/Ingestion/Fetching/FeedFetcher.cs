using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// The typed HttpClient for feeds and pages: conditional GET, a deadline that covers the body,
/// a body size cap, redirects followed by hand (loops stopped, https→http refused, permanent
/// moves reported) and Retry-After read rather than waited on.
/// </summary>
/// <remarks>
/// A singleton that asks the factory for a client per request, so handler rotation (DNS changes)
/// still works although the pipeline objects above it live for the whole process.
/// </remarks>
public sealed class FeedFetcher(IHttpClientFactory clients, IOptionsMonitor<FetchOptions> options, TimeProvider time)
{
    public const string ClientName = "feeds";

    public const string Accept = "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/json;q=0.8, application/xml;q=0.8, text/xml;q=0.7, text/html;q=0.5, */*;q=0.1";

    // The URL a fetch started from, on every hop's request: the resilience pipeline's key.
    private static readonly HttpRequestOptionsKey<string> FeedKey = new("AiFeed.Feed");

    /// <summary>
    /// Which resilience pipeline (retry, circuit breaker, attempt timeout) a request runs in: one per
    /// fetched URL, redirects included, so one failing feed never trips the breaker for another.
    /// </summary>
    internal static string PipelineKey(HttpRequestMessage request) =>
        request.Options.TryGetValue(FeedKey, out var key) ? key : request.RequestUri?.AbsoluteUri ?? string.Empty;

    /// <summary>
    /// Builds what the first fetch would (the options, the factory's handlers for this client, which
    /// it keeps) without sending anything: the one-shot poll does it while its store opens.
    /// </summary>
    public void Prepare()
    {
        _ = options.CurrentValue;
        using var client = clients.CreateClient(ClientName);
    }

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Resilience timeouts stop at the headers; this deadline also covers reading the body (dotnet/runtime#36822).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        var url = request.Url;
        var visited = new HashSet<Uri> { url };
        var allPermanent = true;
        var client = clients.CreateClient(ClientName);
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var message = CreateRequest(url, request);
                message.Options.Set(FeedKey, request.Url.AbsoluteUri);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && status != 304)
                {
                    var target = response.Headers.Location is { } location ? new Uri(url, location) : null;
                    var refusal = CheckRedirect(url, target, visited, hop, options.CurrentValue.MaxRedirects);
                    if (refusal is not null)
                    {
                        return Failed(request, url, refusal, started, status);
                    }

                    allPermanent &= status is 301 or 308;
                    url = target!;
                    continue;
                }

                var moved = hop > 0 && allPermanent ? url : null;
                return await ReadResponseAsync(response, request, url, moved, started, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(request, url, $"no complete answer within {request.Timeout.TotalSeconds:0.#} s", started);
        }
        catch (HttpRequestException ex)
        {
            return Failed(request, url, Describe(ex), started);
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            var settings = options.CurrentValue;
            return Failed(request, url, $"no answer within {settings.AttemptTimeout.TotalSeconds:0.#} s (tried {settings.RetryAttempts + 1} times)", started);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return Failed(request, url, "requests to this feed are paused for a while after repeated failures", started) with { CircuitOpen = true };
        }
        catch (Exception ex) when (ex is IOException or System.IO.InvalidDataException)
        {
            // The body broke off (the connection closed or reset mid-answer) or does not decompress.
            return Failed(request, url, DescribeBody(ex), started);
        }
    }

    private static HttpRequestMessage CreateRequest(Uri url, FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.TryAddWithoutValidation("User-Agent", request.UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        // Validators go back exactly as received: typed parsing throws on the odd ETags servers send.
        if (!string.IsNullOrEmpty(request.ETag))
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
        }

        if (!string.IsNullOrEmpty(request.LastModified))
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
        }

        return message;
    }

    private static string? CheckRedirect(Uri from, Uri? to, HashSet<Uri> visited, int hop, int maxRedirects)
    {
        if (to is null)
        {
            return "a redirect without a Location header";
        }

        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps)
        {
            return $"a redirect to a non-http(s) URL ({to.Scheme}:)";
        }

        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
        {
            return $"a redirect from https to http ({to}) was refused";
        }

        if (!visited.Add(to))
        {
            return $"a redirect loop ({to} was already visited)";
        }

        return hop + 1 > maxRedirects ? $"more than {maxRedirects} redirects" : null;
    }

    private async Task<FetchResult> ReadResponseAsync(HttpResponseMessage response, FetchRequest request, Uri url, Uri? moved, long started, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var result = new FetchResult
        {
            Outcome = FetchOutcome.Ok,
            StatusCode = status,
            FinalUrl = url,
            PermanentlyMovedTo = moved,
            ETag = response.Headers.TryGetValues("ETag", out var etags) ? etags.FirstOrDefault() : null,
            LastModified = response.Content.Headers.TryGetValues("Last-Modified", out var modified) ? modified.FirstOrDefault() : null,
            RetryAfter = RetryAfter(response.Headers.RetryAfter),
            MaxAge = response.Headers.CacheControl?.MaxAge,
            ContentType = response.Content.Headers.ContentType?.MediaType,
            Charset = response.Content.Headers.ContentType?.CharSet,
        };
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return result with { Outcome = FetchOutcome.NotModified, Duration = Stopwatch.GetElapsedTime(started) };
        }

        if (status >= 400)
        {
            return result with
            {
                Outcome = FetchOutcome.HttpError,
                Error = $"HTTP {status} {response.ReasonPhrase}".TrimEnd(),
                Duration = Stopwatch.GetElapsedTime(started),
            };
        }

        if (response.Content.Headers.ContentLength > request.MaxBytes)
        {
            return result with { Outcome = FetchOutcome.Failed, Error = TooLarge(request.MaxBytes), Duration = Stopwatch.GetElapsedTime(started) };
        }

        var body = await BodyReader.ReadAsync(response.Content, request.MaxBytes, cancellationToken);
        return body is null
            ? result with { Outcome = FetchOutcome.Failed, Error = TooLarge(request.MaxBytes), Duration = Stopwatch.GetElapsedTime(started) }
            : result with { Body = body.Value, Bytes = body.Value.Length, Duration = Stopwatch.GetElapsedTime(started) };
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static string TooLarge(long max) => $"the response is larger than the {max / 1024.0 / 1024.0:0.##} MiB limit";

    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        _ when ex.InnerException is OutboundAddressRefusedException refused => refused.Message,
        _ when ex.InnerException is ClosedWithoutAnswerException closed => closed.Message,
        HttpRequestError.NameResolutionError => $"the host name could not be resolved ({ex.Message})",
        HttpRequestError.ConnectionError => $"the connection failed ({ex.Message})",
        HttpRequestError.SecureConnectionError => $"the TLS handshake failed ({ex.Message})",
        _ => ex.Message,
    };

    private static string DescribeBody(Exception ex) => ex switch
    {
        HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } => "the connection closed before the whole answer arrived",
        System.IO.InvalidDataException => $"the compressed answer is corrupt ({ex.Message})",
        _ => $"the answer broke off: {ex.Message}",
    };

    private static FetchResult Failed(FetchRequest request, Uri url, string error, long started, int? status = null) => new()
    {
        Outcome = FetchOutcome.Failed,
        StatusCode = status,
        FinalUrl = url,
        Error = error,
        Duration = Stopwatch.GetElapsedTime(started),
        ETag = request.ETag,
        LastModified = request.LastModified,
    };
}
