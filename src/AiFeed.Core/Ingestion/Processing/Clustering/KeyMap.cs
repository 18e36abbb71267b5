using System.Diagnostics.CodeAnalysis;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// A map from story keys (<see cref="StoryKeys.Kind"/> and text) to <typeparamref name="T"/>: one
/// ordinal string dictionary per kind. Keyed by the pair, every lookup hashed the text with the
/// randomised string hash through the tuple's comparer; a string-keyed dictionary uses the runtime's
/// faster ordinal hash and still switches to the randomised one when keys collide.
/// </summary>
internal sealed class KeyMap<T>
{
    private readonly Dictionary<string, T>[] byKind;

    public KeyMap(int capacity = 0)
    {
        byKind = new Dictionary<string, T>[(int)StoryKeys.Kind.Band + 1];
        for (var i = 0; i < byKind.Length; i++)
        {
            byKind[i] = new(capacity, StringComparer.Ordinal);
        }
    }

    public bool IsEmpty => Array.TrueForAll(byKind, d => d.Count == 0);

    public T this[(StoryKeys.Kind Kind, string Key) key]
    {
        get => Of(key.Kind)[key.Key];
        set => Of(key.Kind)[key.Key] = value;
    }

    public bool TryGetValue((StoryKeys.Kind Kind, string Key) key, [MaybeNullWhen(false)] out T value) => Of(key.Kind).TryGetValue(key.Key, out value);

    public T? GetValueOrDefault((StoryKeys.Kind Kind, string Key) key) => Of(key.Kind).GetValueOrDefault(key.Key);

    public bool TryAdd((StoryKeys.Kind Kind, string Key) key, T value) => Of(key.Kind).TryAdd(key.Key, value);

    public void Add((StoryKeys.Kind Kind, string Key) key, T value) => Of(key.Kind).Add(key.Key, value);

    private Dictionary<string, T> Of(StoryKeys.Kind kind) => byKind[(int)kind];
}
