using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// How a post's HTML is stored: Brotli-compressed UTF-8 behind its length, decompressed only when
/// <see cref="Post.ContentHtml"/> is read. The HTML was two thirds of a post document (3.0 of 4.7 KB
/// in the ingest bench) and compresses about 3x. Smaller documents mean fewer LiteDB data pages to
/// write, checkpoint and read: a 4.7 KB document took a page of its own, because LiteDB only puts a
/// document into a page with more free space than the document's own size class, and two of the
/// 2.7 KB ones share a page. A store written before keeps its HTML as strings, which are read as
/// they are; a post rewritten later is stored compressed.
/// </summary>
internal sealed class StoredHtml
{
    // Below this, Brotli's framing saves little and decompressing costs more than reading.
    private const int MinLength = 512;

    // Quality 1 compresses 3 KB of feed HTML to ~1 KB in ~20 µs; higher qualities save ~10 % more
    // for 2-4x the time. Decompression costs ~12 µs at any quality.
    private const int Quality = 1;
    private const int Window = 18;
    private const int MaxLength = 64 * 1024 * 1024;

    private readonly byte[] packed;

    // The HTML itself when it was packed here rather than loaded: reading it costs nothing.
    private readonly string? html;

    private StoredHtml(byte[] packed, string? html = null)
    {
        this.packed = packed;
        this.html = html;
    }

    /// <summary>
    /// Compresses a freshly built post's HTML now, on the thread that built it. The store writes
    /// through one writer at a time, where compressing took 4 % of a cold poll's CPU; there the
    /// write now copies the bytes.
    /// </summary>
    public static void Prepare(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.HeldContent is string { Length: >= MinLength } html)
        {
            post.DeferContent(new StoredHtml(Pack(html), html).Unpack);
        }
    }

    /// <summary>Makes BsonMapper store Post.ContentHtml through this class.</summary>
    public static void Map(MemberMapper member)
    {
        member.Getter = post => ((Post)post).HeldContent;
        member.Serialize = (held, _) => Serialize(held);
        member.Deserialize = (value, _) => value;
        member.Setter = (post, value) => Restore((Post)post, (BsonValue)value);
    }

    internal static BsonValue Serialize(object? held) => held switch
    {
        // Loaded from the store and never read: written back as it was, not decompressed and
        // compressed again (a cross-post rewrites its story's post to add a source).
        Func<string> { Target: StoredHtml stored } => new BsonValue(stored.packed),
        Func<string> load => Serialize(load()),
        string { Length: >= MinLength } html => new BsonValue(Pack(html)),
        string html => new BsonValue(html),
        _ => BsonValue.Null,
    };

    internal static void Restore(Post post, BsonValue value)
    {
        if (value.IsBinary)
        {
            post.DeferContent(new StoredHtml(value.AsBinary).Unpack);
        }
        else if (value.IsString)
        {
            post.ContentHtml = value.AsString;
        }
    }

    internal static byte[] Pack(string html)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(html.Length));
        byte[]? output = null;
        try
        {
            var length = Encoding.UTF8.GetBytes(html, utf8);
            output = ArrayPool<byte>.Shared.Rent(sizeof(int) + BrotliEncoder.GetMaxCompressedLength(length));
            BinaryPrimitives.WriteInt32LittleEndian(output, length);
            if (!BrotliEncoder.TryCompress(utf8.AsSpan(0, length), output.AsSpan(sizeof(int)), out var written, Quality, Window))
            {
                throw new InvalidOperationException("Brotli did not compress a post's HTML into its maximum compressed length.");
            }

            return output.AsSpan(0, sizeof(int) + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
            if (output is not null)
            {
                ArrayPool<byte>.Shared.Return(output);
            }
        }
    }

    internal string Unpack()
    {
        if (html is not null)
        {
            return html;
        }

        var length = packed.Length >= sizeof(int) ? BinaryPrimitives.ReadInt32LittleEndian(packed) : -1;
        if (length is < 0 or > MaxLength)
        {
            throw new InvalidDataException("A stored post's HTML has a damaged length prefix.");
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!BrotliDecoder.TryDecompress(packed.AsSpan(sizeof(int)), utf8.AsSpan(0, length), out var written) || written != length)
            {
                throw new InvalidDataException("A stored post's HTML does not decompress to its recorded length.");
            }

            return Encoding.UTF8.GetString(utf8, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
