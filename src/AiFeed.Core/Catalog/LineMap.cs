namespace AiFeed.Catalog;

// Turns byte offsets into the UTF-8 text (what Utf8JsonReader reports) into 1-based line and
// column numbers, where the column counts characters so editors jump to the right place.
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

    public LineMap(byte[] utf8)
    {
        _utf8 = utf8;

        // Only '\n' ends a line: Utf8JsonReader counts lines the same way, so malformed-JSON
        // positions it reports line up with ours (a '\r' before it is just a character).
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    // The 1-based line and column of the byte at offset.
    public (int Line, int Column) Locate(long offset)
    {
        var clamped = (int)Math.Clamp(offset, 0, _utf8.Length);
        var index = _lineStarts.BinarySearch(clamped);
        var lineIndex = index >= 0 ? index : ~index - 1;
        return (lineIndex + 1, Column(_lineStarts[lineIndex], clamped));
    }

    // The 1-based position of a 0-based line and byte-in-line pair, as JsonException reports them.
    public (int Line, int Column) Locate(long lineIndex, long bytePositionInLine)
    {
        if (lineIndex < 0 || lineIndex >= _lineStarts.Count)
        {
            return Locate(_utf8.Length);
        }

        var start = _lineStarts[(int)lineIndex];
        return Locate(start + Math.Max(0, bytePositionInLine));
    }

    private int Column(int lineStart, int offset)
    {
        var characters = 0;
        for (var i = lineStart; i < offset; i++)
        {
            // Continuation bytes (10xxxxxx) belong to the character before them.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                characters++;
            }
        }

        return characters + 1;
    }
}
