namespace AiFeed.Catalog;

// Collects every problem in one file, positioned, so an operator can fix them all in one pass.
internal sealed class CatalogDiagnostics(string fileName, LineMap lines)
{
    private readonly List<CatalogError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    // Reports message about path (empty for the root).
    public void Report(long offset, string path, string message)
    {
        var (line, column) = lines.Locate(offset);
        var text = path.Length == 0 ? message : $"{path}: {message}";
        _errors.Add(new CatalogError(fileName, line, column, text));
    }

    // "feeds.json:3:13", for messages that point at a second place.
    public string Where(long offset)
    {
        var (line, column) = lines.Locate(offset);
        return $"{fileName}:{line}:{column}";
    }

    // The errors in document order. Checks made after an object is walked (missing keys, at the
    // object's start) would otherwise come after errors found inside it; the sort is stable.
    public IReadOnlyList<CatalogError> InDocumentOrder() =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
