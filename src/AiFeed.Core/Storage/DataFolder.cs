namespace AiFeed.Storage;

/// <summary>
/// Checks the data folder before the data file is opened, so that each way it can be unusable
/// gets its own line: not a folder, cannot be created, not writable (LiteDB also creates its log
/// file beside the data file, so the folder itself must be writable, not only the file).
/// </summary>
public static class DataFolder
{
    public static void Prepare(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var full = Path.GetFullPath(dataDirectory);
        if (File.Exists(full))
        {
            throw new DataFolderUnusableException($"the data folder '{full}' is a file, not a folder: move the file away, or give --data a folder (it is created when missing)");
        }

        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderUnusableException($"cannot create the data folder '{full}' ({ex.Message.TrimEnd('.')}): create it yourself with write access for AiFeed's user, or give --data another folder", ex);
        }

        var probe = Path.Combine(full, $".write-test-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderUnusableException($"the data folder '{full}' is not writable ({ex.Message.TrimEnd('.')}): give AiFeed's user write access to it (chown or chmod), or give --data another folder", ex);
        }
    }
}

/// <summary>The data folder cannot be used: not a folder, or not writable.</summary>
public sealed class DataFolderUnusableException(string message, Exception? inner = null) : Exception(message, inner);
