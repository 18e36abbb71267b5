using System.Text;
using System.Text.Json;

namespace AiFeed.Catalog;

// Reads UTF-8 JSON into a PositionedValue tree. Comments and trailing commas are
// allowed because operators edit feeds.json by hand.
internal static class PositionedJsonReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Throws JsonException when the reader rejected the text (it knows the line and byte in line).
    // Throws MalformedJsonException when the text is unusable at a known byte offset.
    public static PositionedValue Read(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read())
        {
            throw new MalformedJsonException("the file holds no JSON value", offset: 0);
        }

        var root = ReadValue(ref reader);

        // Reading past the root makes the reader reject anything but comments and whitespace after it.
        while (reader.Read())
        {
        }

        return root;
    }

    private static PositionedValue ReadValue(ref Utf8JsonReader reader)
    {
        var offset = reader.TokenStartIndex;
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => ReadObject(ref reader),
            JsonTokenType.StartArray => ReadArray(ref reader),
            JsonTokenType.String => new PositionedString(offset, GetString(ref reader)),
            JsonTokenType.Number => new PositionedNumber(offset, Encoding.UTF8.GetString(reader.ValueSpan)),
            JsonTokenType.True => new PositionedBoolean(offset, Value: true),
            JsonTokenType.False => new PositionedBoolean(offset, Value: false),
            JsonTokenType.Null => new PositionedNull(offset),
            _ => throw Unexpected(ref reader),
        };
    }

    private static PositionedObject ReadObject(ref Utf8JsonReader reader)
    {
        var offset = reader.TokenStartIndex;
        var properties = new List<PositionedProperty>();
        while (Advance(ref reader) != JsonTokenType.EndObject)
        {
            var nameOffset = reader.TokenStartIndex;
            var name = GetString(ref reader);
            Advance(ref reader);
            properties.Add(new PositionedProperty(nameOffset, name, ReadValue(ref reader)));
        }

        return new PositionedObject(offset, properties);
    }

    private static PositionedArray ReadArray(ref Utf8JsonReader reader)
    {
        var offset = reader.TokenStartIndex;
        var items = new List<PositionedValue>();
        while (Advance(ref reader) != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader));
        }

        return new PositionedArray(offset, items);
    }

    private static JsonTokenType Advance(ref Utf8JsonReader reader)
    {
        // The reader itself throws on malformed input; running out of tokens inside a container
        // cannot happen with a final block, but is guarded so the loops above always terminate.
        return reader.Read() ? reader.TokenType : throw Unexpected(ref reader);
    }

    private static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            // A lone surrogate escape such as "\uD800" cannot become a .NET string.
            throw new MalformedJsonException(ex.Message, reader.TokenStartIndex, ex);
        }
    }

    private static MalformedJsonException Unexpected(ref Utf8JsonReader reader) =>
        new($"unexpected {reader.TokenType} token", reader.TokenStartIndex);
}
