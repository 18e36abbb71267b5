using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// How a post's HTML is stored: apart from the post document, in the <c>post_html</c> collection
/// keyed by the post id, as Brotli-compressed UTF-8 behind its length (short HTML as a string). The
/// post document keeps only <c>ContentHtml: true</c>, so lists, counts, rankings and story lookups
/// read documents a third the size and never touch the HTML; the HTML is read from its collection
/// when <see cref="Post.ContentHtml"/> is read (a post page, a feed entry, the image proxy).
/// Compressed, the HTML was two thirds of a post document (3.0 of 4.7 KB in the ingest bench).
/// A store written before keeps its HTML in the post document (compressed, or a string before
/// that): it is read as it is, and <see cref="LiteDbContext"/> moves it apart once on open.
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

    /// <summary>
    /// Makes BsonMapper keep only a marker for Post.ContentHtml in the post document: the HTML
    /// itself goes to the HTML collection (<see cref="Record"/>), and a marked post reads it back
    /// through <paramref name="apart"/> when it is first asked for.
    /// </summary>
    public static void Map(MemberMapper member, Func<Post, Func<string>> apart)
    {
        member.Getter = post => ((Post)post).HeldContent;
        member.Serialize = (held, _) => held is null or "" ? BsonValue.Null : new BsonValue(true);
        member.Deserialize = (value, _) => value;
        member.Setter = (post, value) =>
        {
            var bson = (BsonValue)value;
            if (bson.IsBoolean && bson.AsBoolean)
            {
                ((Post)post).DeferContent(apart((Post)post));
            }
            else
            {
                Restore((Post)post, bson);
            }
        };
    }

    /// <summary>
    /// What the HTML collection must hold for <paramref name="held"/> (<see cref="Post.HeldContent"/>):
    /// the stored value to write, <see cref="BsonValue.Null"/> for no HTML (delete the record), or
    /// null when the record is already as it should be (HTML loaded from it and never read).
    /// </summary>
    internal static BsonValue? Record(object? held, Func<Func<string>, bool> isApart) => held switch
    {
        Func<string> load when isApart(load) => null,
        null or "" => BsonValue.Null,
        _ => Serialize(held),
    };

    internal static BsonValue Serialize(object? held) => held switch
    {
        // Loaded and never read: written as it was, not decompressed and compressed again.
        Func<string> { Target: StoredHtml stored } => new BsonValue(stored.packed),
        Func<string> load => Serialize(load()),
        string { Length: >= MinLength } html => new BsonValue(Pack(html)),
        string html => new BsonValue(html),
        _ => BsonValue.Null,
    };

    /// <summary>Hands <paramref name="value"/> (as <see cref="Serialize"/> wrote it) to the post: packed HTML is decompressed only when read.</summary>
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

    /// <summary>The HTML of a stored value (<see cref="Serialize"/>); null for none.</summary>
    internal static string? Read(BsonValue value) => value.IsBinary ? new StoredHtml(value.AsBinary).Unpack() : value.IsString ? value.AsString : null;

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
