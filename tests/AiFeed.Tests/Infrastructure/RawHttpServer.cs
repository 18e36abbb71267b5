using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// A bare TCP server on 127.0.0.1 for the faults Kestrel will not commit: it reads each request's
/// head, counts it and hands the connection to the test's responder, which writes raw bytes (or
/// nothing) and says whether to keep the connection; otherwise it is closed cleanly (FIN, not RST).
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<Stream, CancellationToken, Task<bool>> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int requests;

    /// <param name="respond">Answers one request; returns true to keep the connection for the next.</param>
    public RawHttpServer(Func<Stream, CancellationToken, Task<bool>> respond)
    {
        this.respond = respond;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Requests whose head arrived.</summary>
    public int Requests => Volatile.Read(ref requests);

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/{path.TrimStart('/')}");

    /// <summary>Writes an answer's head announcing all of <paramref name="body"/>, then only its first <paramref name="sent"/> bytes.</summary>
    public static async Task WriteCutOffAsync(Stream stream, string body, int sent, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(bytes.AsMemory(0, sent), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                while (await ReadHeadAsync(stream, stop.Token))
                {
                    Interlocked.Increment(ref requests);
                    if (!await respond(stream, stop.Token))
                    {
                        break;
                    }
                }

                client.Client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up, or the server stops.
            }
        }
    }

    // Reads up to the blank line ending a request head; false when the client closed first.
    private static async Task<bool> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var tail = 0;
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1)
        {
            tail = (tail << 8) | one[0];
            if (tail == 0x0D0A0D0A)
            {
                return true;
            }
        }

        return false;
    }
}
