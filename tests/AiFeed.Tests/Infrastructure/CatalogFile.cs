using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Tests.Infrastructure;

/// <summary>Writes a feeds.json for a test.</summary>
public static class CatalogFile
{
    public static string Write(string path, IEnumerable<object> feeds, object? defaults = null, object? taxonomy = null)
    {
        var root = new JsonObject
        {
            ["defaults"] = JsonSerializer.SerializeToNode(defaults ?? new { requestTimeout = "00:00:10" }),
            ["feeds"] = JsonSerializer.SerializeToNode(feeds),
        };
        if (taxonomy is not null)
        {
            root["taxonomy"] = JsonSerializer.SerializeToNode(taxonomy);
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    public static object Source(string id, Uri url, string[]? tags = null) =>
        new { id, name = $"Source {id}", url = url.AbsoluteUri, tags = tags ?? [] };

    public static object Source(string id, Uri url, double weight, string? site = null) =>
        new { id, name = $"Source {id}", url = url.AbsoluteUri, weight, site };

    /// <summary>A taxonomy object of exactly these tags, each as (name, keywords), without the shipped ones.</summary>
    public static object Taxonomy(params (string Name, string[] Keywords)[] tags) =>
        new { defaults = false, tags = tags.Select(t => new { name = t.Name, keywords = t.Keywords }).ToArray() };
}
