using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using Lucene.Net.Store;

namespace AiFeed.Tests.Search;

/// <summary>The index's own memory-mapped directory: what Lucene wrote is read back, and a closed file never takes the process down.</summary>
public sealed class MappedDirectoryTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Input_WhatLuceneWrote_ReadBackAsLuceneReadsIt()
    {
        using var directory = new MappedDirectory(folder.Path);
        WriteSample(directory, "sample.bin");

        using var mapped = directory.OpenInput("sample.bin", IOContext.DEFAULT);
        using var plain = new SimpleFSDirectory(new DirectoryInfo(folder.Path));
        using var expected = plain.OpenInput("sample.bin", IOContext.DEFAULT);

        Assert.Equal(expected.Length, mapped.Length);
        Assert.Equal(expected.ReadInt16(), mapped.ReadInt16());
        Assert.Equal(expected.ReadInt32(), mapped.ReadInt32());
        Assert.Equal(expected.ReadInt64(), mapped.ReadInt64());
        Assert.Equal(expected.ReadVInt32(), mapped.ReadVInt32());
        Assert.Equal(expected.ReadString(), mapped.ReadString());
        var expectedBytes = new byte[300];
        var mappedBytes = new byte[300];
        expected.ReadBytes(expectedBytes, 0, expectedBytes.Length);
        mapped.ReadBytes(mappedBytes, 0, mappedBytes.Length);
        Assert.Equal(expectedBytes, mappedBytes);
        Assert.Throws<EndOfStreamException>(() => mapped.ReadByte());
    }

    [Fact]
    public void Clone_ReadAfterItsFileWasClosed_ThrowsInsteadOfFaulting()
    {
        using var directory = new MappedDirectory(folder.Path);
        WriteSample(directory, "merged-away.bin");
        var input = directory.OpenInput("merged-away.bin", IOContext.DEFAULT);
        var clone = (IndexInput)input.Clone();
        Assert.Equal((short)-2, clone.ReadInt16());

        // Against Lucene's contract (a bug of ours would do it): the file is closed and deleted while
        // a clone still reads it. Unguarded, these reads would touch unmapped memory and fault the process.
        input.Dispose();
        directory.DeleteFile("merged-away.bin");

        Assert.Throws<ObjectDisposedException>(() => clone.ReadInt32());
        Assert.Throws<ObjectDisposedException>(() => clone.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => clone.ReadBytes(new byte[4], 0, 4));
    }

    private static void WriteSample(Lucene.Net.Store.Directory directory, string name)
    {
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteInt16(-2);
        output.WriteInt32(0x01020304);
        output.WriteInt64(-1234567890123456789L);
        output.WriteVInt32(300_000);
        output.WriteString("llama 3 — ラマ");
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        output.WriteBytes(bytes, bytes.Length);
    }
}
