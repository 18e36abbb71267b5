using System.Collections.Frozen;
using System.Security.Cryptography;

namespace AiFeed.Pages;

/// <summary>
/// The pages' stylesheet, script and icon, embedded in the executable so they travel with it (no
/// wwwroot to deploy, no front-end build) and served under a content-hashed URL that can be
/// cached forever.
/// </summary>
public sealed class ReaderAssets
{
    private readonly FrozenDictionary<string, Asset> assets;

    public ReaderAssets()
    {
        var assembly = typeof(ReaderAssets).Assembly;
        assets = new Dictionary<string, Asset>(StringComparer.Ordinal)
        {
            ["reader.css"] = Load(assembly, "reader.css", "text/css; charset=utf-8"),
            ["reader.js"] = Load(assembly, "reader.js", "text/javascript; charset=utf-8"),
            ["icon.svg"] = Load(assembly, "icon.svg", "image/svg+xml"),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public sealed record Asset(byte[] Body, string ContentType, string Version);

    public string Url(string name) => $"/assets/{name}?v={assets[name].Version}";

    public Asset? Find(string name) => assets.GetValueOrDefault(name);

    private static Asset Load(System.Reflection.Assembly assembly, string name, string contentType)
    {
        using var stream = assembly.GetManifestResourceStream("AiFeed.Assets." + name)
            ?? throw new InvalidOperationException($"embedded asset {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var body = copy.ToArray();
        return new Asset(body, contentType, Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8)));
    }
}
