using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiFeed.Endpoints;

/// <summary>
/// The API benchmark's yardstick (tests/AiFeed.Benchmarks, "api"): a precomputed body of the size
/// asked for, behind the same middleware as the public API, so the benchmark can say how much of an
/// endpoint's cost is its own work rather than Kestrel, routing and rate limiting. Mapped only when
/// Benchmark:BaselineEndpoint is true; never on in production.
/// </summary>
public static class BenchmarkBaseline
{
    public const string EnabledKey = "Benchmark:BaselineEndpoint";

    public const int MaxBytes = 4 * 1024 * 1024;

    private const int MaxBodies = 32;

    // The benchmark asks for a handful of sizes; each body is built once, then only written.
    private static readonly ConcurrentDictionary<(int Bytes, string Type), byte[]> Bodies = new();

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["json"] = "application/json; charset=utf-8",
        ["rss"] = "application/rss+xml; charset=utf-8",
    };

    public static WebApplication MapBenchmarkBaseline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>(EnabledKey))
        {
            var bench = app.MapGroup("/bench").ExcludeFromDescription().RequireRateLimiting(RateLimiting.PublicPolicy);
            bench.MapGet("/baseline", Baseline).WithName("BenchmarkBaseline");
            // What stays on the managed heap (after a full collection): memory after start, not garbage.
            bench.MapGet("/heap", () => TypedResults.Ok(new { bytes = GC.GetTotalMemory(forceFullCollection: true) })).WithName("BenchmarkHeap");
        }

        return app;
    }

    public static Results<FileContentHttpResult, ValidationProblem> Baseline(
        [FromQuery(Name = "bytes")] string? bytes, [FromQuery(Name = "type")] string? type)
    {
        var values = new QueryValues();
        var size = values.Whole(bytes ?? string.Empty, "bytes", 0, 1, MaxBytes);
        var kind = values.OneOf(type, "type", "json", ContentTypes.Keys);
        if (values.HasErrors || (Bodies.Count >= MaxBodies && !Bodies.ContainsKey((size, kind))))
        {
            values.Add("bytes", $"at most {MaxBodies} distinct bodies are kept");
            return values.Problem();
        }

        var contentType = ContentTypes[kind];
        var body = Bodies.GetOrAdd((size, kind), static key => Fill(key.Bytes));
        return TypedResults.File(body, contentType);
    }

    // Printable ASCII, so the body is as compressible (or not) as a text answer of that size.
    private static byte[] Fill(int size)
    {
        var body = new byte[size];
        for (var i = 0; i < size; i++)
        {
            body[i] = (byte)('a' + (i % 26));
        }

        return body;
    }
}
