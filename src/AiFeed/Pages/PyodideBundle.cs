using System.Collections.Frozen;
using System.Text.Json;

namespace AiFeed.Pages;

/// <summary>
/// The Pyodide files the build copied into pyodide/ beside the executable (see Pyodide.targets),
/// served by AiFeed under a versioned URL. Absent when the build had no npm: then the problem
/// pages say Python is unavailable and work as before.
/// </summary>
public sealed class PyodideBundle
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pyodide.mjs"] = "text/javascript; charset=utf-8",
        ["pyodide.asm.mjs"] = "text/javascript; charset=utf-8",
        ["pyodide.asm.wasm"] = "application/wasm",
        ["python_stdlib.zip"] = "application/zip",
        ["pyodide-lock.json"] = "application/json",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public PyodideBundle()
        : this(Path.Combine(AppContext.BaseDirectory, "pyodide"))
    {
    }

    public PyodideBundle(string folder)
    {
        Folder = folder;
        var package = Path.Combine(folder, "package.json");
        if (Types.Keys.All(name => File.Exists(Path.Combine(folder, name))) && File.Exists(package))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(package));
            Version = document.RootElement.GetProperty("version").GetString();
        }
    }

    public string Folder { get; }

    /// <summary>The bundled Pyodide's version, or null when this build has none.</summary>
    public string? Version { get; }

    /// <summary>The folder URL Pyodide loads its files from (its indexURL), or null.</summary>
    public string? IndexUrl => Version is null ? null : $"/assets/pyodide/{Version}/";

    /// <summary>The path and content type of a file a page may ask for; null for anything else.</summary>
    public (string Path, string ContentType)? Find(string version, string name) =>
        Version is not null && string.Equals(version, Version, StringComparison.Ordinal) && Types.TryGetValue(name, out var type)
            ? (Path.Combine(Folder, name), type)
            : null;
}
