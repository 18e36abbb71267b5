using AiFeed.Ingestion.Processing;
using BenchmarkDotNet.Attributes;

namespace AiFeed.Benchmarks;

/// <summary>ContentSanitizer on ~3 KB of article HTML, and UrlCanonicalizer on tracked links. Public and unsealed for BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class SanitizingBenchmarks
{
    private static readonly Uri BaseUrl = new("https://lab.example/blog/post-7");

    private readonly string[] urls =
    [
        "https://lab.example/blog/post-7?utm_source=rss&utm_medium=feed&utm_campaign=weekly",
        "HTTP://WWW.Lab.Example:80/blog/post-7/?ref=hn#comments",
        "https://news.example/item?id=42&fbclid=abc123&gclid=def",
        "https://arxiv.org/abs/2511.01234v2",
        "https://lab.example/blog/%7Euser/post?b=2&a=1",
        "https://medium.com/@author/a-long-post-title-1a2b3c4d5e6f?source=rss----abc---4",
    ];

    private readonly ContentSanitizer sanitizer = new();
    private readonly string html = MicroFixtures.ArticleHtml(7);

    [Benchmark(Description = "sanitise ~3 KB of article HTML")]
    public int Sanitize() => sanitizer.Sanitize(html, BaseUrl).Length;

    [Benchmark(Description = "canonicalise one URL (mean over 6 tracked variants)", OperationsPerInvoke = 6)]
    public int Canonicalize()
    {
        var length = 0;
        foreach (var url in urls)
        {
            length += UrlCanonicalizer.Canonicalize(url)?.Length ?? 0;
        }

        return length;
    }
}
