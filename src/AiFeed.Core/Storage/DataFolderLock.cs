namespace AiFeed.Storage;

/// <summary>
/// An exclusive lock file beside the database. LiteDB does not lock its file on Linux
/// (litedb-org/LiteDB#2163): two processes writing one file corrupt it, so we refuse the second.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream stream;

    private DataFolderLock(FileStream stream, string path)
    {
        this.stream = stream;
        Path = path;
    }

    public string Path { get; }

    public static DataFolderLock Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            stream.Flush();
            return new DataFolderLock(stream, path);
        }
        catch (IOException ex)
        {
            throw new DataFolderLockedException(
                $"another AiFeed process is using the data folder '{System.IO.Path.GetDirectoryName(path)}' (lock file '{path}' is held); stop it or use another --data folder",
                ex);
        }
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>The data folder is held by another process.</summary>
public sealed class DataFolderLockedException(string message, Exception inner) : Exception(message, inner);
