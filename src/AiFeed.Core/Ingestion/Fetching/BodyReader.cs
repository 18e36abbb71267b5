using System.Buffers;

namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// Reads a response body up to a byte cap. MaxResponseContentBufferSize is not enforced on
/// streamed reads, so the cap is counted here; the caller's token is the deadline.
/// </summary>
internal static class BodyReader
{
    /// <summary>The body, or null when it exceeds maxBytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength is { } length and > 0 ? (int)Math.Min(length, maxBytes) : 64 * 1024;
        var buffer = new byte[Math.Max(expected, 1024)];
        var total = 0;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsMemory(0, total);
                }

                if (total + (long)read > maxBytes)
                {
                    return null;
                }

                if (total + read > buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, total + read), maxBytes));
                }

                chunk.AsSpan(0, read).CopyTo(buffer.AsSpan(total));
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
