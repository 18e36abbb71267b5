using System.Text;
using System.Text.Json;

namespace AiFeed.Catalog;

/// <summary>
/// Reads feeds.json into a <see cref="FeedCatalog"/>, or into every positioned error it holds so
/// an operator can fix them all in one pass. A file with any error yields no catalog: running
/// with part of a catalog would silently drop sources.
/// </summary>
public static class CatalogLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static readonly KeyTable<FeedCatalog> RootKeys = new(new Dictionary<string, PropertyHandler<FeedCatalog>>(StringComparer.Ordinal)
    {
        // Editors use "$schema" for completion; the loader has nothing to do with it.
        ["$schema"] = (c, v, p, r) =>
        {
            _ = r.String(v, p, out _);
            return c;
        },
        ["defaults"] = (c, v, p, r) => c with { Defaults = DefaultsValidator.Validate(v, p, r) },
        ["feeds"] = (c, v, p, r) => c with { Sources = SourceValidator.ValidateAll(v, p, r) },
        ["taxonomy"] = (c, v, p, r) => c with { Taxonomy = TaxonomyValidator.Validate(v, p, r) },
    });

    /// <summary>Reads and validates the file at <paramref name="path"/>; errors name the path as given.</summary>
    public static CatalogLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Unreadable(path, ex.Message);
        }

        return Parse(content, path);
    }

    /// <summary>Validates the bytes of a feeds.json (strict UTF-8); <paramref name="fileName"/> prefixes every error position.</summary>
    public static CatalogLoadResult Parse(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        string json;
        try
        {
            json = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            return Unreadable(fileName, ex.Message);
        }

        return Parse(json, fileName);
    }

    /// <summary>The result for a file that could not be read at all.</summary>
    public static CatalogLoadResult Unreadable(string fileName, string reason) =>
        Failed(fileName, 1, 1, $"cannot read the catalog: {reason}");

    /// <summary>Validates <paramref name="json"/>; <paramref name="fileName"/> prefixes every error position.</summary>
    public static CatalogLoadResult Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);

        // A byte-order mark is not JSON, but editors on Windows add one; positions count from after it.
        var utf8 = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);
        var lines = new LineMap(utf8);
        PositionedValue root;
        try
        {
            root = PositionedJsonReader.Read(utf8);
        }
        catch (JsonException ex)
        {
            var (line, column) = lines.Locate(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            return Failed(fileName, line, column, $"invalid JSON: {PlainMessage(ex.Message)}");
        }
        catch (MalformedJsonException ex)
        {
            var (line, column) = lines.Locate(ex.Offset);
            return Failed(fileName, line, column, $"invalid JSON: {PlainMessage(ex.Message)}");
        }

        var diagnostics = new CatalogDiagnostics(fileName, lines);
        var catalog = Validate(root, new FieldReader(diagnostics));
        return diagnostics.HasErrors
            ? new CatalogLoadResult(null, diagnostics.InDocumentOrder())
            : new CatalogLoadResult(catalog, []);
    }

    private static FeedCatalog Validate(PositionedValue root, FieldReader read)
    {
        if (!read.Object(root, string.Empty, out var obj))
        {
            return FeedCatalog.Empty;
        }

        // No "taxonomy" key: the shipped default, not a catalog that tags nothing.
        var catalog = RootKeys.Apply(obj, string.Empty, FeedCatalog.Empty with { Taxonomy = Taxonomy.Default }, read);
        KeyTable<FeedCatalog>.RequireKeys(obj, string.Empty, read, "feeds");
        return catalog;
    }

    /// <summary>
    /// The reader's message without its " LineNumber: 0 | BytePositionInLine: 5." tail (the error
    /// position says that already) and without a final period, to read like the other errors.
    /// </summary>
    private static string PlainMessage(string message)
    {
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var plain = (tail >= 0 ? message[..tail] : message).Trim();
        return plain.TrimEnd('.');
    }

    private static CatalogLoadResult Failed(string file, int line, int column, string message) =>
        new(null, [new CatalogError(file, line, column, message)]);
}
