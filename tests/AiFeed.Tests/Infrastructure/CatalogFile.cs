using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Tests.Infrastructure;

/// <summary>Writes a feeds.json for a test.</summary>
public static class CatalogFile
{
    public static string Write(string path, IEnumerable<object> feeds, object? defaults = null)
    {
        var root = new JsonObject
        {
            ["defaults"] = JsonSerializer.SerializeToNode(defaults ?? new { requestTimeout = "00:00:10" }),
            ["feeds"] = JsonSerializer.SerializeToNode(feeds),
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    public static object Source(string id, Uri url, string[]? tags = null) =>
        new { id, name = $"Source {id}", url = url.AbsoluteUri, tags = tags ?? [] };
}
