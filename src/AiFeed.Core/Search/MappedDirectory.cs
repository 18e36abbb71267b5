using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace AiFeed.Search;

/// <summary>
/// The index's files read through memory maps by raw pointers. Lucene.NET's <see cref="MMapDirectory"/>
/// reads each byte through a <see cref="System.Runtime.InteropServices.SafeBuffer"/>, which adds and
/// releases a reference on the view's handle per byte: a search's doc values, postings and
/// listings are millions of such reads (docs/decisions/0047). Here a file's view is acquired once,
/// when it is opened, and released when Lucene closes it. Writing, locking and listing files are
/// <see cref="FSDirectory"/>'s.
/// <para>
/// Lucene's contract makes this safe: an input's clones and slices are used only while the input
/// is open (a reader closes its files only when no search holds it); a read that broke it throws
/// (see <see cref="MappedFile"/>).
/// </para>
/// </summary>
internal sealed class MappedDirectory(string path) : FSDirectory(new DirectoryInfo(path), null)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = MappedFile.Open(Path.Combine(Directory.FullName, name));
        return new MappedInput($"MappedInput(path=\"{file.Path}\")", file, 0, file.Length, owner: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(MappedFile.Open(Path.Combine(Directory.FullName, name)));
    }

    // A compound file's entries as slices of one view, closed with it.
    private sealed class Slicer(MappedFile file) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > file.Length)
            {
                throw new ArgumentException($"slice {sliceDescription} [{offset}, {offset + length}) is out of bounds of {file.Path} ({file.Length} bytes)");
            }

            return new MappedInput($"MappedInput(path=\"{file.Path}\" slice=\"{sliceDescription}\")", file, offset, length, owner: false);
        }

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full", 0, file.Length);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }
        }
    }
}

/// <summary>
/// One file's read-only view and its pointer, acquired once and released when Lucene closes the
/// file. Lucene's contract is that a closed file's clones are not read; a read that broke it (a bug
/// of ours) would touch unmapped memory and take the whole process down, so every read checks
/// <see cref="IsClosed"/> first and throws, as <see cref="MMapDirectory"/> and Lucene's own guard
/// do. The file's handle is closed as soon as it is mapped: a mapping holds its pages by itself.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedViewAccessor? view;
    private volatile bool closed;
    private int disposed;

    private MappedFile(string path, long length, MemoryMappedViewAccessor? view, byte* start)
    {
        Path = path;
        Length = length;
        this.view = view;
        Start = start;
    }

    public string Path { get; }

    public long Length { get; }

    public byte* Start { get; }

    public bool IsClosed => closed;

    public static MappedFile Open(string path)
    {
        // Lucene deletes files that readers still hold open (merged segments): share delete.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            // An empty file cannot be mapped.
            return new MappedFile(path, 0, null, null);
        }

        using var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            return new MappedFile(path, stream.Length, view, start + view.PointerOffset);
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        closed = true;
        if (view is null)
        {
            return;
        }

        // A read that passed its check just before the flag was set finishes first (Lucene's guard yields the same way).
        Thread.Yield();
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
    }
}

/// <summary>A file (or a slice of one) read by pointer; its clones share the view and have positions of their own.</summary>
internal sealed unsafe class MappedInput(string description, MappedFile file, long offset, long length, bool owner) : IndexInput(description)
{
    private readonly byte* start = file.Start + offset;
    private long position;
    private bool owner = owner;

    public override long Length => length;

    public override long Position => position;

    public override void Seek(long pos)
    {
        if (pos < 0 || pos > length)
        {
            throw new EndOfStreamException($"seek past the end of {this}: {pos} of {length}");
        }

        position = pos;
    }

    public override byte ReadByte()
    {
        if (position >= length || file.IsClosed)
        {
            throw Unreadable(1);
        }

        return start[position++];
    }

    public override void ReadBytes(byte[] b, int offset, int len) => Next(len).CopyTo(b.AsSpan(offset, len));

    public override short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Next(sizeof(short)));

    public override int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Next(sizeof(int)));

    public override long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Next(sizeof(long)));

    public override object Clone()
    {
        var clone = (MappedInput)base.Clone();
        clone.owner = false;
        return clone;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && owner)
        {
            file.Dispose();
        }
    }

    // The next `count` bytes, moving past them.
    private ReadOnlySpan<byte> Next(int count)
    {
        if (count < 0 || position + count > length || file.IsClosed)
        {
            throw Unreadable(count);
        }

        var bytes = new ReadOnlySpan<byte>(start + position, count);
        position += count;
        return bytes;
    }

    private Exception Unreadable(int count) => file.IsClosed
        ? new ObjectDisposedException(ToString(), "read after the file was closed")
        : new EndOfStreamException($"read past the end of {this}: {count} bytes at {position} of {length}");
}
