using System.Diagnostics;

namespace AiFeed.Benchmarks;

/// <summary>One endpoint's numbers under load.</summary>
internal sealed record LoadResult(string Path, long Requests, long Failures, double Seconds, double P50Ms, double P99Ms, long AverageBytes)
{
    /// <summary>Median and slowest of sequential requests the output cache cannot answer (a query parameter it has not seen).</summary>
    public (double MedianMs, double MaxMs) Uncached { get; init; }

    /// <summary>The same concurrent load with every request one the output cache has not seen: what the endpoint itself costs.</summary>
    public LoadResult? UncachedLoad { get; init; }

    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send the next request as soon as the last
/// answer's body is read, for a warm-up and then a measured period; every measured latency is kept.
/// </summary>
internal static class ApiBenchLoad
{
    public static async Task<LoadResult> RunAsync(HttpClient client, string path, int concurrency, TimeSpan warmUp, TimeSpan measure, CancellationToken cancellationToken, bool missCache = false)
    {
        await DriveAsync(client, path, concurrency, warmUp, record: false, missCache, cancellationToken);
        var clock = Stopwatch.StartNew();
        var workers = await DriveAsync(client, path, concurrency, measure, record: true, missCache, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var latencies = workers.SelectMany(w => w.Latencies).Order().ToArray();
        var requests = latencies.LongLength;
        var bytes = workers.Sum(w => w.Bytes);
        var uncached = missCache ? default : await UncachedAsync(client, path, cancellationToken);
        return new LoadResult(
            path,
            requests,
            workers.Sum(w => w.Failures),
            seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            requests == 0 ? 0 : bytes / requests)
        {
            Uncached = uncached,
        };
    }

    // The output cache varies by every query parameter and the endpoints ignore unknown ones, so a
    // fresh "miss" value makes the endpoint do its whole work, as the first reader after a poll sees it.
    private static async Task<(double, double)> UncachedAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(Missing(path), UriKind.Relative), cancellationToken);
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        latencies.Sort();
        return (latencies[latencies.Count / 2], latencies[^1]);
    }

    private static string Missing(string path) => $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}miss={Guid.NewGuid():N}";

    private static async Task<Worker[]> DriveAsync(HttpClient client, string path, int concurrency, TimeSpan duration, bool record, bool missCache, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => new Worker()).ToArray();
        Func<string> next = missCache ? () => Missing(path) : () => path;
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(client, next, until, record, cancellationToken), cancellationToken)));
        return workers;
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    private sealed class Worker
    {
        private readonly byte[] buffer = new byte[64 * 1024];

        public List<long> Latencies { get; } = new(64 * 1024);

        public long Bytes { get; private set; }

        public long Failures { get; private set; }

        public async Task RunAsync(HttpClient client, Func<string> path, long until, bool record, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path(), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                long read = 0;
                int n;
                while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    read += n;
                }

                var elapsed = Stopwatch.GetTimestamp() - start;
                if (!record)
                {
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    Failures++;
                }

                Latencies.Add(elapsed);
                Bytes += read;
            }
        }
    }
}
