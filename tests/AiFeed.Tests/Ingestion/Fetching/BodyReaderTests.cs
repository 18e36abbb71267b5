using AiFeed.Ingestion.Fetching;

namespace AiFeed.Tests.Ingestion.Fetching;

public sealed class BodyReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(200_000)]
    public async Task Read_BodyOfAnySize_ReturnsEveryByteInOrder(int size)
    {
        // Arrange: sizes around the 64 KB chunk, read in odd-sized pieces by the stream.
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 31 % 251)).ToArray();
        using var content = new StreamContent(new TrickleStream(bytes, 7_001));

        // Act
        var body = await BodyReader.ReadAsync(content, maxBytes: 1_000_000, TestContext.Current.CancellationToken);

        // Assert
        Assert.NotNull(body);
        Assert.Equal(bytes, body.Value.ToArray());
    }

    [Theory]
    [InlineData(100_000, 100_000, true)]
    [InlineData(100_001, 100_000, false)]
    public async Task Read_CapReached_BodyAtTheCapPassesOneByteMoreIsRefused(int size, long cap, bool accepted)
    {
        // Arrange
        using var content = new ByteArrayContent(new byte[size]);

        // Act
        var body = await BodyReader.ReadAsync(content, cap, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(accepted, body is not null);
    }

    // A stream that hands out at most `piece` bytes per read, as a network stream does.
    private sealed class TrickleStream(byte[] data, int piece) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
