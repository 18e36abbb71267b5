using System.Text;
using System.Text.Json;

namespace AiFeed.Catalog;

// Reads UTF-8 JSON into a PositionedValue tree. Comments and trailing commas are
// allowed because operators edit feeds.json by hand. Comments come through as tokens (and are
// skipped here) so the gaps between tokens hold only whitespace and separators: that is how an
// array learns whether a trailing comma follows its last item.
internal static class PositionedJsonReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Allow,
        AllowTrailingCommas = true,
    };

    // Throws JsonException when the reader rejected the text (it knows the line and byte in line).
    // Throws MalformedJsonException when the text is unusable at a known byte offset.
    public static PositionedValue Read(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        if (!TryAdvance(ref reader, utf8, out _))
        {
            throw new MalformedJsonException("the file holds no JSON value", offset: 0);
        }

        var root = ReadValue(ref reader, utf8);

        // Reading past the root makes the reader reject anything but comments and whitespace after it.
        while (reader.Read())
        {
        }

        return root;
    }

    private static PositionedValue ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var offset = reader.TokenStartIndex;
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => ReadObject(ref reader, utf8),
            JsonTokenType.StartArray => ReadArray(ref reader, utf8),
            JsonTokenType.String => new PositionedString(offset, GetString(ref reader)),
            JsonTokenType.Number => new PositionedNumber(offset, Encoding.UTF8.GetString(reader.ValueSpan)),
            JsonTokenType.True => new PositionedBoolean(offset, Value: true),
            JsonTokenType.False => new PositionedBoolean(offset, Value: false),
            JsonTokenType.Null => new PositionedNull(offset),
            _ => throw Unexpected(ref reader),
        };
    }

    private static PositionedObject ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var offset = reader.TokenStartIndex;
        var properties = new List<PositionedProperty>();
        while (Advance(ref reader, utf8, out _) != JsonTokenType.EndObject)
        {
            var nameOffset = reader.TokenStartIndex;
            var name = GetString(ref reader);
            Advance(ref reader, utf8, out _);
            properties.Add(new PositionedProperty(nameOffset, name, ReadValue(ref reader, utf8)));
        }

        return new PositionedObject(offset, properties);
    }

    private static PositionedArray ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var offset = reader.TokenStartIndex;
        var items = new List<PositionedValue>();
        long? lastItemEnd = null;
        bool comma;
        while (Advance(ref reader, utf8, out comma) != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader, utf8));
            lastItemEnd = reader.BytesConsumed;
        }

        return new PositionedArray(offset, items, reader.TokenStartIndex, lastItemEnd, TrailingComma: comma && lastItemEnd is not null);
    }

    private static JsonTokenType Advance(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, out bool comma)
    {
        // The reader itself throws on malformed input; running out of tokens inside a container
        // cannot happen with a final block, but is guarded so the loops above always terminate.
        return TryAdvance(ref reader, utf8, out comma) ? reader.TokenType : throw Unexpected(ref reader);
    }

    // The next token that is not a comment; comma says a ',' lay between the previous token and it.
    private static bool TryAdvance(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, out bool comma)
    {
        comma = false;
        do
        {
            var gapStart = (int)reader.BytesConsumed;
            if (!reader.Read())
            {
                return false;
            }

            comma |= utf8[gapStart..(int)reader.TokenStartIndex].Contains((byte)',');
        }
        while (reader.TokenType == JsonTokenType.Comment);

        return true;
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
