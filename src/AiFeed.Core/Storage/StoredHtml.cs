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
/// post document keeps only <c>ContentHtml: true</c> (<see cref="Post.HasContent"/>), so lists,
/// counts, rankings and story lookups read documents a third the size and never touch the HTML. A
/// post read from the store comes without its HTML (<see cref="Post.ContentLoaded"/> false); the
/// store reads it from its collection when asked (<see cref="IPostStore.LoadHtmlAsync"/>: a post
/// page, a feed, the image proxy). Compressed, the HTML was two thirds of a post document (3.0 of
/// 4.7 KB in the ingest bench). A store written before keeps its HTML in the post document
/// (compressed, or a string before that): it is read as it is, and <see cref="LiteDbContext"/>
/// moves it apart once on open.
/// </summary>
internal static class StoredHtml
{
    // Below this, Brotli's framing saves little and decompressing costs more than reading.
    private const int MinLength = 512;

    // Quality 0, Brotli's one-pass fast mode: every post of a poll is compressed once while it is
    // built, and the higher qualities' extra passes cost far more time than the few bytes they save.
    // Any quality decodes alike, so HTML stored at another one reads as before (decision 0065;
    // figures in docs/performance.md).
    private const int Quality = 0;
    private const int Window = 18;
    private const int MaxLength = 64 * 1024 * 1024;

    /// <summary>
    /// Compresses a freshly built post's HTML now, on the thread that built it, and keeps it in the
    /// post compressed instead of as a string (<see cref="Post.KeepPacked"/>). The store writes
    /// through one writer at a time, where compressing was a visible share of a cold poll's CPU;
    /// there the write copies the bytes. Until then the post waits for the writer with the bytes
    /// alone, not the string beside them (decision 0079).
    /// </summary>
    public static void Prepare(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.ContentLoaded && post.PackedHtml is null && post.ContentHtml is { Length: >= MinLength } html)
        {
            post.KeepPacked(new Packed(Pack(html)));
        }
    }

    // The bytes the HTML collection holds for a prepared post's HTML.
    private sealed class Packed(byte[] bytes) : PackedHtml
    {
        public byte[] Bytes { get; } = bytes;

        public override string Unpack() => StoredHtml.Unpack(Bytes);
    }

    /// <summary>
    /// Makes BsonMapper keep only a marker for Post.ContentHtml in the post document: whether the
    /// post has HTML (<see cref="Post.HasContent"/>). The HTML itself goes to the HTML collection
    /// (<see cref="LiteDbContext.WriteHtml"/>); a post read back comes without it.
    /// </summary>
    public static void Map(MemberMapper member)
    {
        // Null for none: the mapper then leaves the field out (SerializeNullValues is off).
        member.Getter = post => ((Post)post).HasContent ? true : null;
        member.Serialize = (hasContent, _) => hasContent is true ? new BsonValue(true) : BsonValue.Null;
        member.Deserialize = (value, _) => value;
        member.Setter = (post, value) => Restore((Post)post, (BsonValue)value);
    }

    /// <summary>
    /// The HTML state of a post read with <paramref name="value"/> in its document: the marker (the
    /// HTML is apart, not loaded), or the HTML itself as a store written before holds it, loaded.
    /// </summary>
    internal static void Restore(Post post, BsonValue value)
    {
        if (value.IsBoolean || value.IsNull)
        {
            post.ContentNotLoaded(value.IsBoolean && value.AsBoolean);
        }
        else
        {
            post.ContentHtml = Read(value);
        }
    }

    /// <summary>What the HTML collection holds for <paramref name="html"/>: compressed bytes, or short HTML as a string.</summary>
    internal static BsonValue Serialize(string html) =>
        html.Length < MinLength ? new BsonValue(html) : new BsonValue(Pack(html));

    /// <summary>What the HTML collection holds for the post's HTML (the bytes prepared, as they are); null for none.</summary>
    internal static BsonValue? Serialize(Post post) =>
        post.PackedHtml is Packed packed ? new BsonValue(packed.Bytes)
        : post.ContentHtml is { Length: > 0 } html ? Serialize(html)
        : null;

    /// <summary>The HTML of a stored value (<see cref="Serialize(string)"/>); null for none.</summary>
    internal static string? Read(BsonValue value) => value.IsBinary ? Unpack(value.AsBinary) : value.IsString ? value.AsString : null;

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

    internal static string Unpack(byte[] packed)
    {
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
