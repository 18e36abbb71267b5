using AiFeed.Catalog;

namespace AiFeed.Tests.Catalog;

/// <summary>Runs the loader on inline JSON and renders errors the way operators see them.</summary>
internal static class CatalogAssert
{
    public const string FileName = "feeds.json";

    public static IReadOnlyList<string> Errors(string json) =>
        [.. CatalogLoader.Parse(json, FileName).Errors.Select(e => e.ToString())];

    public static FeedCatalog Valid(string json)
    {
        var result = CatalogLoader.Parse(json, FileName);
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.True(result.IsValid);
        return result.Catalog!;
    }

    /// <summary>Asserts that a catalog with one source line holds exactly <paramref name="expected"/>.</summary>
    public static void SingleError(string json, string expected) =>
        Assert.Equal([expected], Errors(json));
}
