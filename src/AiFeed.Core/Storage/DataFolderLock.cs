using System.Runtime.InteropServices;

namespace AiFeed.Storage;

/// <summary>
/// Keeps a second process from opening the data file while this one has it: LiteDB does not lock
/// its file on Linux (litedb-org/LiteDB#2163), and two writers corrupt it.
/// <para>
/// On Linux the lock is on the data file itself, an open file description lock (fcntl
/// F_OFD_SETLK, Linux 3.15+): there is no side file to delete, and it is independent of the flock
/// locks LiteDB's own handles take and of LiteDB closing them. Elsewhere it is an exclusive side
/// file, <c>aifeed.db.lock</c> (on Windows LiteDB's share mode refuses a second writer as well).
/// </para>
/// <para>
/// <see cref="EnsureHeld"/> runs before every write batch: a data file moved, replaced or deleted
/// under the running process (a restore copied in with mv, say) is no longer the one this process
/// locked, and a second process could lock the new one; writes stop instead.
/// </para>
/// </summary>
public sealed partial class DataFolderLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string? lockedTarget;

    private DataFolderLock(FileStream stream, string path, string? lockedTarget)
    {
        this.stream = stream;
        this.lockedTarget = lockedTarget;
        Path = path;
    }

    /// <summary>The file locked: the data file itself, or the side lock file.</summary>
    public string Path { get; }

    public static DataFolderLock Acquire(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        return OperatingSystem.IsLinux() && TryAcquireDataFile(databasePath) is { } locked
            ? locked
            : AcquireSideFile(databasePath);
    }

    /// <summary>Throws <see cref="DataFolderLockLostException"/> when the data file is no longer the one this process locked.</summary>
    public void EnsureHeld()
    {
        var now = lockedTarget is null ? (File.Exists(Path) ? Path : null) : Target(stream);
        if (now is null && lockedTarget is not null)
        {
            // No /proc to ask: nothing to compare with.
            return;
        }

        if (!string.Equals(now, lockedTarget ?? Path, StringComparison.Ordinal))
        {
            throw new DataFolderLockLostException(
                $"the data file '{Path}' was moved, replaced or deleted while AiFeed was running (the locked file is now '{now ?? "gone"}'); " +
                "AiFeed stopped writing so that two processes never write one file: restart it");
        }
    }

    public void Dispose() => stream.Dispose();

    private static DataFolderLock? TryAcquireDataFile(string databasePath)
    {
        // An empty file is what LiteDB initialises a new database in, so creating it here is safe.
        var stream = new FileStream(databasePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            switch (TryLockWithin(stream, ReleaseGrace))
            {
                case OpenFileDescriptionLock.Result.Locked:
                    return new DataFolderLock(stream, databasePath, Target(stream) ?? string.Empty);
                case OpenFileDescriptionLock.Result.HeldElsewhere:
                    throw Held(databasePath, databasePath);
                default:
                    // No OFD locks here (an old kernel, a file system without them): the side file.
                    stream.Dispose();
                    return null;
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How long an open waits for a lock held elsewhere before it refuses: a process that is closing
    /// (a restart) releases it within moments, and so does a child process that another thread
    /// started (it holds a copy of every descriptor until it runs its program).
    /// </summary>
    internal static readonly TimeSpan ReleaseGrace = TimeSpan.FromSeconds(3);

    private static OpenFileDescriptionLock.Result TryLockWithin(FileStream stream, TimeSpan grace)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var result = OpenFileDescriptionLock.TryLock(stream);
            if (result != OpenFileDescriptionLock.Result.HeldElsewhere || System.Diagnostics.Stopwatch.GetElapsedTime(started) >= grace)
            {
                return result;
            }

            Thread.Sleep(50);
        }
    }

    private static DataFolderLock AcquireSideFile(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            return new DataFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path, null);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw Held(databasePath, path, ex);
        }
    }

    private static DataFolderLockedException Held(string databasePath, string locked, Exception? inner = null) => new(
        $"another AiFeed process is using the data folder '{System.IO.Path.GetDirectoryName(databasePath)}' (it holds '{locked}'); stop it or use another --data folder",
        inner);

    // What the locked descriptor refers to now: "/data/aifeed.db", or "/data/aifeed.db (deleted)".
    private static string? Target(FileStream stream)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>fcntl(F_OFD_SETLK) over the whole file; x86-64 and arm64 Linux share the layout used here.</summary>
    private static partial class OpenFileDescriptionLock
    {
        private const int SetLockOfd = 37; // F_OFD_SETLK
        private const short WriteLock = 1; // F_WRLCK
        private const int TryAgain = 11; // EAGAIN
        private const int AccessDenied = 13; // EACCES

        public enum Result
        {
            Locked,
            HeldElsewhere,
            Unsupported,
        }

        public static Result TryLock(FileStream stream)
        {
            if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            {
                return Result.Unsupported;
            }

            var request = new FileLock { Type = WriteLock, Whence = 0, Start = 0, Length = 0 };
            try
            {
                if (Fcntl(stream.SafeFileHandle, SetLockOfd, ref request) == 0)
                {
                    return Result.Locked;
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return Result.Unsupported;
            }

            return Marshal.GetLastPInvokeError() is TryAgain or AccessDenied ? Result.HeldElsewhere : Result.Unsupported;
        }

        [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        private static partial int Fcntl(Microsoft.Win32.SafeHandles.SafeFileHandle fd, int command, ref FileLock request);

        // struct flock: l_type, l_whence, l_start, l_len, l_pid (off_t is 64-bit on 64-bit Linux).
        [StructLayout(LayoutKind.Sequential)]
        private struct FileLock
        {
            public short Type;
            public short Whence;
            public long Start;
            public long Length;
            public int Pid;
        }
    }
}

/// <summary>The data folder is held by another process.</summary>
public sealed class DataFolderLockedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The data file is no longer the one this process locked: writing on could make two writers.</summary>
public sealed class DataFolderLockLostException(string message) : Exception(message);
