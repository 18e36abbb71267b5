using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace AiFeed.Pages;

/// <summary>
/// The pages' stylesheet, scripts, icon and math font, embedded in the executable so they travel
/// with it (no wwwroot to deploy, no front-end build) and served under a content-hashed URL that can
/// be cached forever. The stylesheet's url(name) references to other assets get those hashed URLs.
/// </summary>
public sealed class ReaderAssets
{
    private readonly FrozenDictionary<string, Asset> assets;

    public ReaderAssets()
    {
        var assembly = typeof(ReaderAssets).Assembly;
        var loaded = new Dictionary<string, Asset>(StringComparer.Ordinal)
        {
            ["reader.js"] = Load(assembly, "reader.js", "text/javascript; charset=utf-8"),
            ["problem.js"] = Load(assembly, "problem.js", "text/javascript; charset=utf-8"),
            ["python-worker.mjs"] = Load(assembly, "python-worker.mjs", "text/javascript; charset=utf-8"),
            ["icon.svg"] = Load(assembly, "icon.svg", "image/svg+xml"),
            // Noto Sans Math (SIL OFL 1.1, Licenses/NotoSansMath-OFL.txt): MathML in one font everywhere.
            ["noto-sans-math.woff2"] = Load(assembly, "noto-sans-math.woff2", "font/woff2"),
        };
        var css = Encoding.UTF8.GetString(Load(assembly, "reader.css", "").Body);
        foreach (var (name, asset) in loaded)
        {
            css = css.Replace($"url({name})", $"url({name}?v={asset.Version})", StringComparison.Ordinal);
        }

        loaded["reader.css"] = Create(Encoding.UTF8.GetBytes(css), "text/css; charset=utf-8");
        assets = loaded.ToFrozenDictionary(StringComparer.Ordinal);
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
        return Create(copy.ToArray(), contentType);
    }

    private static Asset Create(byte[] body, string contentType) =>
        new(body, contentType, Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8)));
}
