using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using AiFeed.Model;

namespace AiFeed.Search;

/// <summary>
/// A post's <see cref="PostListing"/> as bytes, kept in the index as binary doc values
/// (<see cref="PostFields.Listing"/>): a list page reads its posts with one seek each, on any
/// thread, instead of loading whole post documents through the store's one gate. Strings are
/// UTF-8 behind a varint length, times are ticks. Times are kept as the embedded store keeps them
/// (BSON dates: whole milliseconds, floored), so a listing answers exactly what the stored post does.
/// </summary>
internal static class ListingCodec
{
    private const byte Version = 1;

    /// <summary>Longest value Lucene keeps as binary doc values; a longer listing is left out and read from the store.</summary>
    public const int MaxLength = 32_766;

    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    // Each indexing thread writes its listings in one buffer it keeps: a new one per document was
    // 1 KB of garbage each.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>The listing's bytes; null when they exceed <see cref="MaxLength"/>.</summary>
    public static byte[]? Encode(Post post)
    {
        var buffer = scratch ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        buffer.GetSpan(1)[0] = Version;
        buffer.Advance(1);
        Write(buffer, post.Id);
        Write(buffer, post.ClusterId);
        Write(buffer, post.Title);
        Write(buffer, post.Url);
        Write(buffer, post.SourceId);
        Write(buffer, post.PublishedAt);
        Write(buffer, (DateTime?)post.FirstSeenAt);
        Write(buffer, (DateTime?)post.UpdatedAt);
        Write(buffer, (DateTime?)post.SortAt);
        Write(buffer, post.Author);
        Write(buffer, post.Summary);
        WriteCount(buffer, post.Tags.Count);
        foreach (var tag in post.Tags)
        {
            Write(buffer, tag);
        }

        WriteCount(buffer, post.AlsoIn.Count);
        foreach (var also in post.AlsoIn)
        {
            Write(buffer, also.SourceId);
            Write(buffer, also.Url);
        }

        Write(buffer, post.SortKey);
        // A lead's LeadKey is its SortKey (StoryClusters): one byte says so.
        var leadKey = post.LeadKey.Length == 0 ? 0 : string.Equals(post.LeadKey, post.SortKey, StringComparison.Ordinal) ? 1 : 2;
        WriteCount(buffer, leadKey);
        if (leadKey == 2)
        {
            Write(buffer, post.LeadKey);
        }

        return buffer.WrittenCount <= MaxLength ? buffer.WrittenSpan.ToArray() : null;
    }

    /// <summary>The listing in <paramref name="bytes"/>; null for none (a listing too long to keep, or an empty value).</summary>
    public static PostListing? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Version)
        {
            return null;
        }

        var reader = new Reader(bytes[1..]);
        var id = reader.String()!;
        var clusterId = reader.String()!;
        var title = reader.String()!;
        var url = reader.String();
        var sourceId = reader.String()!;
        var published = reader.Time();
        var firstSeen = reader.Time()!.Value;
        var updated = reader.Time()!.Value;
        var sortAt = reader.Time()!.Value;
        var author = reader.String();
        var summary = reader.String()!;
        var tags = new string[reader.Count()];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = reader.String()!;
        }

        var alsoIn = new AlsoIn[reader.Count()];
        for (var i = 0; i < alsoIn.Length; i++)
        {
            alsoIn[i] = new AlsoIn { SourceId = reader.String()!, Url = reader.String()! };
        }

        var sortKey = reader.String()!;
        var leadKey = reader.Count() switch
        {
            0 => "",
            1 => sortKey,
            _ => reader.String()!,
        };
        return new PostListing(id, clusterId, title, url, sourceId, published, firstSeen, updated, sortAt, author, summary, tags, alsoIn, sortKey, leadKey);
    }

    /// <summary>
    /// A time as the embedded store reads it back: whole milliseconds (floored), UTC; the first
    /// millisecond of the calendar and <see cref="DateTime.MaxValue"/> come back as the unspecified
    /// <see cref="DateTime.MinValue"/> and <see cref="DateTime.MaxValue"/> (LiteDB's BSON dates).
    /// </summary>
    internal static DateTime AsStored(DateTime time)
    {
        if (time == DateTime.MaxValue)
        {
            return DateTime.MaxValue;
        }

        var ticks = time.Ticks - (time.Ticks % TicksPerMillisecond);
        return ticks == 0 ? DateTime.MinValue : new DateTime(ticks, DateTimeKind.Utc);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteCount(buffer, 0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(buffer, length + 1);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    // 0: none; otherwise the stored time's ticks + 1 (a stored time's ticks are never negative).
    private static void Write(ArrayBufferWriter<byte> buffer, DateTime? value)
    {
        var stored = value is { } time ? AsStored(time) : (DateTime?)null;
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), stored is { } at ? ((at.Ticks + 1) << 1) | (at.Kind == DateTimeKind.Utc ? 1L : 0L) : 0);
        buffer.Advance(8);
    }

    private static void WriteCount(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var written = 0;
        var rest = (uint)value;
        while (rest >= 0x80)
        {
            span[written++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        span[written++] = (byte)rest;
        buffer.Advance(written);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int at;

        public int Count()
        {
            var value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[at++];
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public string? String()
        {
            var length = Count();
            if (length == 0)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(bytes.Slice(at, length - 1));
            at += length - 1;
            return text;
        }

        public DateTime? Time()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
            at += 8;
            return value == 0 ? null : new DateTime((value >> 1) - 1, (value & 1) == 1 ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        }
    }
}
