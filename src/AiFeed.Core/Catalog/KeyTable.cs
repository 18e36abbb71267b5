namespace AiFeed.Catalog;

// Applies one property's value to the record being built; reports problems instead of throwing.
internal delegate T PropertyHandler<T>(T current, PositionedValue value, string path, FieldReader read);

// The keys one JSON object may hold and what each does. Adding a key (scrape rules on a
// source, taxonomy at the root) is one entry here; everything else is an "unknown key".
internal sealed class KeyTable<T>(IReadOnlyDictionary<string, PropertyHandler<T>> handlers)
{
    // The keys this object accepts; the JSON Schema is generated from them (CatalogSchema).
    public IEnumerable<string> Keys => handlers.Keys;

    // Walks obj in document order from seed, reporting
    // duplicate and unknown keys; values that fail their check leave the seed's value in place.
    public T Apply(PositionedObject obj, string path, T seed, FieldReader read)
    {
        var current = seed;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in obj.Properties)
        {
            var propertyPath = Join(path, property.Name);
            if (!seen.TryAdd(property.Name, property.NameOffset))
            {
                // JSON readers disagree on which duplicate wins; refusing both ambiguity and a
                // silent override is the only reading an operator can predict.
                read.Diagnostics.Report(
                    property.NameOffset,
                    propertyPath,
                    $"duplicate key (first at {read.Diagnostics.Where(seen[property.Name])})");
                continue;
            }

            if (!handlers.TryGetValue(property.Name, out var handler))
            {
                var suggestion = KeySuggester.Suggest(property.Name, handlers.Keys);
                var hint = suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)";
                read.Diagnostics.Report(property.NameOffset, propertyPath, $"unknown key{hint}");
                continue;
            }

            current = handler(current, property.Value, propertyPath, read);
        }

        return current;
    }

    // Reports each of required that obj lacks, at the object's start.
    public static bool RequireKeys(PositionedObject obj, string path, FieldReader read, params ReadOnlySpan<string> required)
    {
        var complete = true;
        foreach (var key in required)
        {
            if (obj.Find(key) is null)
            {
                read.Diagnostics.Report(obj.Offset, path, $"missing required key '{key}'");
                complete = false;
            }
        }

        return complete;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
