namespace AiFeed.Ingestion.Fetching;

/// <summary>The server closed the connection after a request without sending a byte of answer.</summary>
public sealed class ClosedWithoutAnswerException() : IOException("the server closed the connection without answering");

/// <summary>
/// The plaintext stream of each feed connection. SocketsHttpHandler re-sends a GET, silently and up
/// to three times, when the server closes the connection without answering it (a clean end of
/// stream where the response should start; dotnet/runtime HttpConnection.SendAsync): against such a
/// server one attempt became four requests, and "1 retry" eight. Here that end of stream is an
/// error instead, which the handler does not re-send; the resilience pipeline's retry is then the
/// only one, so "1 retry" is two requests. An idle pooled connection the server closed is still
/// recognised by the handler as before: its answer to the previous request was read.
/// </summary>
internal sealed class ClosedWithoutAnswerStream(Stream inner) : Stream
{
    // Set when a request goes out, cleared by the first byte of its answer.
    private volatile bool awaitingAnswer;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Observe(inner.Read(buffer), buffer.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Observe(await inner.ReadAsync(buffer, cancellationToken), buffer.Length);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        awaitingAnswer = true;
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        awaitingAnswer = true;
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // A zero-byte read (the handler waiting for data without a buffer) returns 0 and means nothing.
    private int Observe(int read, int requested)
    {
        if (read > 0)
        {
            awaitingAnswer = false;
        }
        else if (requested > 0 && awaitingAnswer)
        {
            throw new ClosedWithoutAnswerException();
        }

        return read;
    }
}
