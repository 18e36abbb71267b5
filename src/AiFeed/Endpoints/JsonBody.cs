using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// Reads a request body for a handler that checks its route first (an unknown slug is refused
/// before a byte of body is read), streaming and within a limit: a Content-Length over the limit is
/// refused unread, and without one reading stops one byte past the limit, so a request never holds
/// more than the limit in memory. The handler checks the content type and parses what it gets.
/// </summary>
public static class JsonBody
{
    private const int Chunk = 16 * 1024;

    /// <summary>The body's bytes, or a 413 problem when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? Chunk, 1, maxBytes));
        while (true)
        {
            // Never more than one byte past the limit: that byte is what tells a body over it.
            var room = (int)Math.Min(Chunk, maxBytes + 1 - body.WrittenCount);
            var read = await request.Body.ReadAsync(body.GetMemory(room)[..room], cancellationToken);
            if (read == 0)
            {
                return (body.WrittenMemory, null);
            }

            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return (default, TooLarge(maxBytes));
            }
        }
    }

    /// <summary>What a JSON reader found wrong and where, for a person: "'}' is invalid after a property name (line 1, byte 12)".</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        message = message.TrimEnd().TrimEnd('.');
        return exception.LineNumber is { } line
            ? $"{message} (line {line + 1}, byte {(exception.BytePositionInLine ?? 0) + 1})"
            : message;
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        $"the body is larger than the {(maxBytes % (1024 * 1024) == 0 ? $"{maxBytes / (1024 * 1024)} MB" : $"{maxBytes / 1024} KB")} this endpoint reads",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
}
