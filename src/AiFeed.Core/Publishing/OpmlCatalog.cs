using AiFeed.Catalog;

namespace AiFeed.Publishing;

/// <summary>What an OPML list gave as a catalog, and the outlines it could not take, with why.</summary>
public sealed record OpmlCatalogResult(CatalogLoadResult Loaded, IReadOnlyList<string> Skipped);

/// <summary>
/// An OPML subscription list read as a catalog: its feeds as <c>import-opml</c> would add them to
/// an empty feeds.json (the same ids, names, sites and folder tags), validated as feeds.json is.
/// Errors of that converted catalog name the OPML file "as feeds.json": their positions are in the
/// converted text, and their paths (<c>feeds[3].weight</c>) say which feed of the list.
/// </summary>
public static class OpmlCatalog
{
    private const string EmptyCatalog = "{ \"feeds\": [\n] }\n";

    public static OpmlCatalogResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IReadOnlyList<OpmlOutline> outlines;
        try
        {
            using var file = File.OpenRead(path);
            outlines = OpmlReader.Read(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException or NotSupportedException)
        {
            return new OpmlCatalogResult(CatalogLoader.Unreadable(path, ex.Message), []);
        }

        var appended = CatalogAppender.Append(EmptyCatalog, FeedCatalog.Empty, outlines, $"From {Path.GetFileName(path)}.");
        return new OpmlCatalogResult(CatalogLoader.Parse(appended.Text, path + " as feeds.json"), appended.Skipped);
    }
}
