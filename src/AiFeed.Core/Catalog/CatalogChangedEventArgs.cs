using System.Text.Json;

namespace AiFeed.Catalog;

/// <summary>What a catalog swap changed, by source id.</summary>
public sealed class CatalogChangedEventArgs : EventArgs
{
    private readonly Lazy<bool> defaultsChanged;

    public CatalogChangedEventArgs(FeedCatalog previous, FeedCatalog current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        Previous = previous;
        Current = current;
        var before = previous.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var after = current.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        Added = [.. after.Keys.Where(id => !before.ContainsKey(id))];
        Removed = [.. before.Keys.Where(id => !after.ContainsKey(id))];

        // Compared as JSON: the records hold lists (compared by reference), and keys other issues
        // add to a source are covered without touching this code.
        Modified = [.. after.Keys.Where(id => before.TryGetValue(id, out var old) && !SameDefinition(old, after[id]))];
        // Asked only by a running service's reconciler: a one-shot verb's start does not build the serializer's metadata for it.
        defaultsChanged = new Lazy<bool>(() => !string.Equals(JsonSerializer.Serialize(previous.Defaults), JsonSerializer.Serialize(current.Defaults), StringComparison.Ordinal));
    }

    public FeedCatalog Previous { get; }

    public FeedCatalog Current { get; }

    public IReadOnlyList<string> Added { get; }

    public IReadOnlyList<string> Removed { get; }

    /// <summary>Sources in both catalogs whose definition differs (URL, interval, tags, rules, …).</summary>
    public IReadOnlyList<string> Modified { get; }

    public bool DefaultsChanged => defaultsChanged.Value;

    private static bool SameDefinition(SourceDefinition a, SourceDefinition b) =>
        string.Equals(JsonSerializer.Serialize(a), JsonSerializer.Serialize(b), StringComparison.Ordinal);
}
