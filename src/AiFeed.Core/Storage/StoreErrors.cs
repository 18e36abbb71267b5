using LiteDB;

namespace AiFeed.Storage;

/// <summary>Store failures an operator must act on, each in one line that says what to do.</summary>
public static class StoreErrors
{
    /// <summary>The one line for an exception (or one it wraps) that means the data file is damaged or no longer ours; null for any other.</summary>
    public static string? Describe(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case DataFileDamagedException or DataFolderLockLostException or Postgres.StoreUnavailableException or Postgres.MigrationChangedException:
                    return ex.Message;
                case LiteException when IsDamage(ex):
                    return Damaged(null, ex);
            }
        }

        return null;
    }

    /// <summary>LiteDB's answer to a file it cannot read: not a database, a page of the wrong kind, a broken free list.</summary>
    internal static bool IsDamage(Exception exception) => exception is LiteException
    {
        ErrorCode: LiteException.INVALID_DATABASE or LiteException.INVALID_DATAFILE_STATE or LiteException.INVALID_FREE_SPACE_PAGE,
    };

    internal static string Damaged(string? databasePath, Exception exception)
    {
        var file = databasePath is null ? "the data file" : $"the data file '{databasePath}'";
        var data = databasePath is null ? string.Empty : $" --data {Path.GetDirectoryName(databasePath)}";
        return $"{file} is damaged ({exception.Message}); stop AiFeed, copy the data folder aside, then run 'aifeed check{data}' and 'aifeed repair{data}' (docs/operations.md)";
    }
}

/// <summary>The data file cannot be opened: LiteDB found it damaged.</summary>
public sealed class DataFileDamagedException(string message, Exception inner) : Exception(message, inner);
