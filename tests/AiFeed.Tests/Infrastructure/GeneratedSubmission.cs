using System.Net;
using System.Text;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// A learning submission of about <c>size</c> bytes, {"seed":…,"answers":[0.5,0.5,…]}, produced as
/// it is sent (chunked, no Content-Length): the client holds none of it, the server sees its size
/// only by reading.
/// </summary>
public sealed class GeneratedSubmission : HttpContent
{
    private readonly long size;

    public GeneratedSubmission(long size)
    {
        this.size = size;
        Headers.ContentType = new("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var head = "{\"seed\":3,\"answers\":["u8.ToArray();
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0.5,", 16 * 1024)));
        await stream.WriteAsync(head, cancellationToken);
        for (long sent = head.Length; sent < size; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk, cancellationToken);
        }

        await stream.WriteAsync("0.5]}"u8.ToArray(), cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
