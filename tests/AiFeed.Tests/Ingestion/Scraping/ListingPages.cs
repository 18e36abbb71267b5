using System.Globalization;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>
/// Listing pages with the posts a reader should get from them: the pages built for the tests in
/// Listings/ (one per shape sites use) and the real ones in ../shared/corpus/real, read in place,
/// whose expected posts are in Listings/corpus/. <c>alsoPosts</c> are posts linked elsewhere on a
/// page that a reader may take but need not; any other link taken is a non-post.
/// </summary>
internal sealed record ListingPage(string Name, string Shape, Uri Url, string HtmlPath, IReadOnlyList<ExpectedPost> Posts, IReadOnlyList<string> AlsoPosts)
{
    public static string Folder { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "AiFeed.Tests", "Ingestion", "Scraping", "Listings");

    public static IReadOnlyList<ListingPage> Built() =>
        [.. Directory.GetFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal).Select(f => Load(f, Path.ChangeExtension(Path.ChangeExtension(f, null), ".html")))];

    /// <summary>The corpus pages; skips (or fails under CI) when the corpus is absent.</summary>
    public static IReadOnlyList<ListingPage> Corpus() =>
        [.. Directory.GetFiles(Path.Combine(Folder, "corpus"), "*.expected.json").Order(StringComparer.Ordinal)
            .Select(f => Load(f, TestEnvironment.CorpusPath(JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("corpus").GetString()!)))];

    private static ListingPage Load(string expectedPath, string htmlPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(expectedPath));
        var root = json.RootElement;
        var posts = root.GetProperty("posts").EnumerateArray().Select(p => new ExpectedPost(
            p.GetProperty("title").GetString()!,
            p.GetProperty("link").GetString()!,
            p.TryGetProperty("date", out var date) ? DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null)).ToList();
        var also = root.TryGetProperty("alsoPosts", out var a) ? a.EnumerateArray().Select(p => p.GetProperty("link").GetString()!).ToList() : [];
        return new ListingPage(
            Path.GetFileName(expectedPath).Replace(".expected.json", string.Empty, StringComparison.Ordinal),
            root.GetProperty("shape").GetString()!,
            new Uri(root.GetProperty("url").GetString()!),
            htmlPath,
            posts,
            also);
    }
}

internal sealed record ExpectedPost(string Title, string Link, DateOnly? Date);
