using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiFeed.Catalog;

/// <summary>
/// Where a source's keys are in feeds.json, for what is found wrong after validation (a rule that
/// matches nothing on a page, <c>aifeed scrape-test</c>), in the validator's own
/// <c>file:line:column: path: message</c> form.
/// </summary>
public static class CatalogLocations
{
    /// <summary>
    /// The message placed at the deepest of <paramref name="keys"/> (e.g. <c>scrape</c>, <c>item</c>)
    /// the source with <paramref name="sourceId"/> has in the file at <paramref name="path"/> (the
    /// source itself when it has none of them); null when the file does not read or lacks the source.
    /// </summary>
    public static CatalogError? At(string path, string sourceId, IReadOnlyList<string> keys, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(keys);
        byte[] utf8;
        PositionedValue root;
        try
        {
            // File.ReadAllText drops a byte-order mark, as the loader does: positions count from after it.
            utf8 = Encoding.UTF8.GetBytes(File.ReadAllText(path));
            root = PositionedJsonReader.Read(utf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or MalformedJsonException)
        {
            return null;
        }

        if (root is not PositionedObject { } catalog || catalog.Find("feeds")?.Value is not PositionedArray feeds)
        {
            return null;
        }

        for (var i = 0; i < feeds.Items.Count; i++)
        {
            if (feeds.Items[i] is PositionedObject source && source.Find("id")?.Value is PositionedString { } id && id.Value == sourceId)
            {
                var (offset, at) = Deepest(source, keys, string.Create(CultureInfo.InvariantCulture, $"feeds[{i}]"));
                var (line, column) = new LineMap(utf8).Locate(offset);
                return new CatalogError(path, line, column, $"{at}: {message}");
            }
        }

        return null;
    }

    private static (long Offset, string Path) Deepest(PositionedObject source, IReadOnlyList<string> keys, string path)
    {
        var offset = source.Offset;
        PositionedValue current = source;
        foreach (var key in keys)
        {
            if (current is not PositionedObject obj || obj.Find(key) is not { } property)
            {
                break;
            }

            offset = property.NameOffset;
            path = KeyTable<object>.Join(path, key);
            current = property.Value;
        }

        return (offset, path);
    }
}
