using System.Xml;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// The document after charset decisions: either the original UTF-8 bytes (no copy; the common
/// case) or text decoded once. A TextReader makes XmlReader ignore the declared encoding, which is
/// what we want once we have decided the charset ourselves.
/// </summary>
internal sealed class FeedSource
{
    private readonly ArraySegment<byte> utf8;

    private FeedSource(ArraySegment<byte> utf8, string? text)
    {
        this.utf8 = utf8;
        Text = text;
    }

    /// <summary>The decoded text, or null when the reader reads the UTF-8 bytes directly.</summary>
    public string? Text { get; }

    public static FeedSource FromUtf8(ArraySegment<byte> bytes) => new(bytes, null);

    public static FeedSource FromText(string text) => new(default, text);

    /// <summary>The UTF-8 bytes when <see cref="Text"/> is null.</summary>
    public ReadOnlyMemory<byte> Utf8 => utf8;

    public string GetText() => Text ?? System.Text.Encoding.UTF8.GetString(utf8);

    public XmlReader CreateReader(XmlReaderSettings settings) => Text is null
        ? XmlReader.Create(new MemoryStream(utf8.Array!, utf8.Offset, utf8.Count, writable: false), settings)
        : XmlReader.Create(new StringReader(Text), settings);
}
