using System.Security.Cryptography;

namespace AiFeed.Publishing;

/// <summary>Strong validators for a written document: the ETag is a hash of the exact bytes.</summary>
internal static class DocumentValidators
{
    public static PublishedDocument Seal(byte[] body, string contentType, FeedChannel channel)
    {
        // 128 bits of SHA-256 are plenty to tell two versions of one feed apart.
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";
        // HTTP dates have whole seconds; a finer value would never compare equal to If-Modified-Since.
        var updated = channel.Updated;
        var lastModified = new DateTimeOffset(updated.UtcTicks - (updated.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new PublishedDocument(body, contentType, etag, lastModified);
    }
}
