using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Stable ids for items: <see cref="ItemKey"/> says which stored post an item is, <see cref="RawHash"/>
/// says whether it changed since the last poll. Both run for every item of every poll, so the input is
/// encoded into one pooled buffer and hashed in one call.
/// </summary>
public static class PostIdentity
{
    /// <summary>
    /// Hex characters of <see cref="ItemKey"/>: 128 bits of SHA-256, far beyond any collision risk for
    /// the posts one instance will ever hold, and half the index size of the full hash.
    /// </summary>
    public const int ItemKeyLength = 32;

    private const int StackLimit = 1024;

    /// <summary>
    /// The stored <see cref="Post.Id"/>: SHA-256 of <paramref name="sourceId"/>, a newline and the item's
    /// identity within that source, as <see cref="ItemKeyLength"/> lower-case hex characters. The identity
    /// is the GUID when present and unique in the feed (feeds that repeat one GUID for every item exist),
    /// else the canonical link, else a hash of title and date.
    /// </summary>
    public static string ItemKey(string sourceId, FeedItem item, string? canonicalUrl, bool guidIsUniqueInFeed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
        ArgumentNullException.ThrowIfNull(item);

        string identity;
        if (guidIsUniqueInFeed && !string.IsNullOrWhiteSpace(item.Id))
        {
            identity = item.Id.Trim();
        }
        else if (!string.IsNullOrWhiteSpace(canonicalUrl))
        {
            identity = canonicalUrl;
        }
        else
        {
            identity = TitleDateIdentity(item);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashLines(sourceId, identity, hash);
        return Convert.ToHexStringLower(hash[..(ItemKeyLength / 2)]);
    }

    /// <summary>
    /// SHA-256 (64 lower-case hex characters) of every field of the item as fetched; equal hashes mean
    /// the item can skip sanitising and writing. Fields are length-prefixed, so moving text from one
    /// field to the next changes the hash.
    /// </summary>
    public static string RawHash(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);

        var size = RawHashWriter.Size(item.Title) + RawHashWriter.Size(item.Link) + RawHashWriter.Size(item.Id)
            + (2 * RawHashWriter.DateSize) + RawHashWriter.Size(item.Author) + RawHashWriter.Size(item.Summary)
            + RawHashWriter.Size(item.ContentHtml) + RawHashWriter.Size(item.ImageUrl) + sizeof(int);
        foreach (var category in item.Categories)
        {
            size += RawHashWriter.Size(category);
        }

        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var writer = new RawHashWriter(buffer);
            writer.Write(item.Title);
            writer.Write(item.Link);
            writer.Write(item.Id);
            writer.Write(item.PublishedAt);
            writer.Write(item.UpdatedAt);
            writer.Write(item.Author);
            writer.Write(item.Summary);
            writer.Write(item.ContentHtml);
            writer.Write(item.ImageUrl);
            writer.Write(item.Categories.Count);
            foreach (var category in item.Categories)
            {
                writer.Write(category);
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..writer.Position], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Published date only when there is one: an updated date changes on every edit and would turn an
    // edit into a new post. With neither title nor date, the text itself is all that tells items apart.
    private static string TitleDateIdentity(FeedItem item)
    {
        var title = item.Title?.Trim() ?? "";
        var date = (item.PublishedAt ?? item.UpdatedAt)?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";
        var text = title.Length == 0 && date.Length == 0 ? item.Summary ?? item.ContentHtml ?? "" : "";

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashLines(title, text.Length == 0 ? date : string.Concat(date, "\n", text), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>SHA-256 of UTF-8 <c>first + "\n" + second</c>, without building the joined string.</summary>
    private static void HashLines(string first, string second, Span<byte> hash)
    {
        var size = Encoding.UTF8.GetByteCount(first) + 1 + Encoding.UTF8.GetByteCount(second);
        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var written = Encoding.UTF8.GetBytes(first, buffer);
            buffer[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(second, buffer[written..]);
            SHA256.HashData(buffer[..written], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Length-prefixed binary encoding of the raw fields.</summary>
    private ref struct RawHashWriter(Span<byte> buffer)
    {
        public const int DateSize = 1 + sizeof(long);

        private readonly Span<byte> buffer = buffer;

        public int Position { get; private set; }

        public static int Size(string? value) => sizeof(int) + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

        public void Write(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer[Position..], value);
            Position += sizeof(int);
        }

        // Null (-1) and "" (0) differ on purpose: a feed that starts sending an empty element changed.
        public void Write(string? value)
        {
            if (value is null)
            {
                Write(-1);
                return;
            }

            var length = Encoding.UTF8.GetBytes(value, buffer[(Position + sizeof(int))..]);
            Write(length);
            Position += length;
        }

        // The instant only: the same time restated in another offset is not a change.
        public void Write(DateTimeOffset? value)
        {
            buffer[Position++] = value.HasValue ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt64LittleEndian(buffer[Position..], value?.UtcTicks ?? 0);
            Position += sizeof(long);
        }
    }
}
