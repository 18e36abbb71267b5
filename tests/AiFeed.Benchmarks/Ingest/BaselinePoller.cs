using System.Collections.Concurrent;
using System.Net;
using System.Xml;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// The bare poller the issue compares against: HttpClient with decompression, conditional GETs,
/// one XmlReader pass over each body, nothing stored.
/// </summary>
internal sealed class BaselinePoller(int concurrency) : IDisposable
{
    private readonly ConcurrentDictionary<string, string> etags = new(StringComparer.Ordinal);
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        MaxConnectionsPerServer = concurrency,
    });

    /// <summary>Polls every feed once; returns the number of XML nodes read (so the pass cannot be skipped).</summary>
    public async Task<long> PollAsync(IEnumerable<Uri> feeds, CancellationToken cancellationToken)
    {
        long nodes = 0;
        await Parallel.ForEachAsync(
            feeds,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (url, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (etags.TryGetValue(url.AbsoluteUri, out var etag))
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return;
                }

                response.EnsureSuccessStatusCode();
                if (response.Headers.ETag is { } tag)
                {
                    etags[url.AbsoluteUri] = tag.ToString();
                }

                await using var body = await response.Content.ReadAsStreamAsync(ct);
                using var reader = XmlReader.Create(body, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Ignore });
                long count = 0;
                while (await reader.ReadAsync())
                {
                    count++;
                }

                Interlocked.Add(ref nodes, count);
            });
        return nodes;
    }

    public void Dispose() => client.Dispose();
}
