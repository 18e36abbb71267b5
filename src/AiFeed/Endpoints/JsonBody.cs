using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>
/// Reads a JSON request body for a handler that checks its route first (an unknown slug is refused
/// before a byte of body is read), streaming and within a limit: a Content-Length over the limit is
/// refused unread, and without one reading stops at the limit, so a request never holds more than
/// the limit in memory. Failures are problems: 415 not JSON, 413 too large, 400 empty or not valid
/// JSON (saying where).
/// </summary>
public static class JsonBody
{
    private const int Chunk = 16 * 1024;

    /// <summary>The parsed body (dispose it), or the problem to answer with.</summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                $"the body must be JSON, sent with Content-Type: application/json (it was {(string.IsNullOrEmpty(request.ContentType) ? "not given" : $"'{request.ContentType}'")})",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? Chunk, 1, maxBytes));
        while (true)
        {
            // Never more than one byte past the limit: that byte is what tells a body over it.
            var room = (int)Math.Min(Chunk, maxBytes + 1 - body.WrittenCount);
            var read = await request.Body.ReadAsync(body.GetMemory(room)[..room], cancellationToken);
            if (read == 0)
            {
                break;
            }

            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        if (body.WrittenCount == 0)
        {
            return (null, TypedResults.Problem("the body is empty; it must be a JSON document", statusCode: StatusCodes.Status400BadRequest, title: "Empty body"));
        }

        try
        {
            return (JsonDocument.Parse(body.WrittenMemory, new JsonDocumentOptions { MaxDepth = 64 }), null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem($"the body is not valid JSON: {Describe(ex)}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON"));
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
        $"the body is larger than the {maxBytes / 1024} KB this endpoint reads",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
}
