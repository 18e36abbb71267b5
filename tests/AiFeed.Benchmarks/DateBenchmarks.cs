using AiFeed.Ingestion.Parsing;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>LenientDates over the date spellings real feeds carry. Public and unsealed for BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class DateBenchmarks
{
    // RFC 822 as specified and as written (named zones, comments, wrong weekdays, "Sept", two-digit
    // years, no seconds), and ISO 8601 as Atom requires and as feeds bend it.
    private readonly string[] variants =
    [
        "Mon, 24 Nov 2025 14:03:00 +0000",
        "Mon, 24 Nov 2025 14:03:00 GMT",
        "Tue, 24 Nov 2025 09:03:00 EST",
        "Mon, 24 Nov 2025 14:03:00 PDT (Pacific Daylight Time)",
        "24 Sept 2025 14:03 +0200",
        "Mon, 24 Nov 25 14:03:00 Z",
        "Mon,24 Nov 2025 14:03:00 -0800",
        "2025-11-24T14:03:00Z",
        "2025-11-24T14:03:00.123456+01:00",
        "2025-11-24t14:03:00z",
        "2025-11-24 14:03:00",
        "2025-11-24T14:03Z",
        "2025-11-24",
        "20251124T140300Z",
    ];

    [Benchmark(Description = "parse one date (mean over 14 real-world variants)", OperationsPerInvoke = 14)]
    public int ParseAll()
    {
        var parsed = 0;
        foreach (var text in variants)
        {
            if (LenientDates.TryParse(text, out _))
            {
                parsed++;
            }
        }

        return parsed;
    }
}
