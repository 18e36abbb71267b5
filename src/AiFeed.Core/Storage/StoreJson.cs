using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// The model as JSON documents: how the PostgreSQL provider stores posts, stories and source states
/// (exact: .NET ticks and every list round-trip), and the canonical form copy-store checksums on
/// both sides. A post's HTML is not in its document: it has a column (or a LiteDB field) of its own.
/// </summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOut } },
        Converters = { new ValueListConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"A stored {typeof(T).Name} document is null.");

    // Derived or held elsewhere: the HTML and its state (its own column), IsConfirmed (computed).
    // A post read from a document comes without its HTML (PostRows.Read says whether it has any).
    private static void LeaveOut(JsonTypeInfo type)
    {
        if (type.Type == typeof(Post) || type.Type == typeof(Subscriber))
        {
            foreach (var property in type.Properties.Where(p => p.Name is nameof(Post.ContentHtml) or nameof(Post.HasContent) or nameof(Post.ContentLoaded) or nameof(Subscriber.IsConfirmed)).ToList())
            {
                type.Properties.Remove(property);
            }
        }

        if (type.Type == typeof(Post))
        {
            type.OnDeserialized = post => ((Post)post).ContentNotLoaded(hasContent: false);
        }
    }

    // ValueList is immutable with a collection builder; stored as a plain array.
    private sealed class ValueListConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()))!;

        private sealed class Converter<T> : JsonConverter<ValueList<T>>
            where T : IEquatable<T>
        {
            public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                new(JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []);

            public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.ToArray(), options);
        }
    }
}
