namespace AiFeed.Storage;

/// <summary>
/// <c>aifeed repair</c>: an export and re-import, never LiteDB's Rebuild() (broken in 5.0.19–5.0.21
/// past ~2,550 documents with a secondary index, litedb-org/LiteDB#2827). Every document that can
/// be read is copied into a new file with the current schema; the new file is checked; then the
/// old file is kept beside it as <c>aifeed.db.damaged-{time}</c> and the new one takes its name.
/// On a healthy file it is a compaction. Holds the data folder lock throughout.
/// </summary>
public static class DataFileRepair
{
    private const string Suffix = ".repairing";

    public static RepairReport Run(string databasePath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"there is no data file at '{databasePath}'", databasePath);
        }

        var folder = Path.GetDirectoryName(databasePath)!;
        var fileName = Path.GetFileName(databasePath);
        var targetPath = databasePath + Suffix;
        using var held = DataFolderLock.Acquire(databasePath);
        DeleteWithLog(targetPath);

        List<CollectionReport> copied;
        using (var reader = new SalvagingReader(databasePath))
        {
            using (var target = new LiteDbContext(folder, fileName + Suffix))
            {
                copied = [.. reader.CollectionNames().Select(name => Copy(reader, target, name))];
                target.Checkpoint();
            }
        }

        var check = DataFileCheck.Run(targetPath);
        var mismatch = copied.FirstOrDefault(c => check.Collections.FirstOrDefault(n => n.Name == c.Name)?.Documents != c.Documents);
        if (!check.Healthy || mismatch is not null)
        {
            DeleteWithLog(targetPath);
            throw new InvalidOperationException(
                $"the repaired copy did not check out ({(mismatch is null ? string.Join("; ", check.Collections.SelectMany(c => c.Problems)) : $"{mismatch.Name} lost documents")}); the data file was left as it was");
        }

        var kept = $"{databasePath}.damaged-{now.UtcDateTime:yyyyMMdd-HHmmss}";
        File.Move(databasePath, kept);
        if (File.Exists(LiteDbContext.LogPathOf(databasePath)))
        {
            File.Move(LiteDbContext.LogPathOf(databasePath), LiteDbContext.LogPathOf(kept));
        }

        File.Move(targetPath, databasePath);
        return new RepairReport(databasePath, kept, copied);
    }

    private static CollectionReport Copy(SalvagingReader reader, LiteDbContext target, string name)
    {
        var collection = target.Database.GetCollection(name);
        return reader.Walk(name, chunk => collection.InsertBulk(chunk));
    }

    private static void DeleteWithLog(string path)
    {
        File.Delete(path);
        File.Delete(LiteDbContext.LogPathOf(path));
        File.Delete(path + ".lock");
    }
}

/// <summary>What <see cref="DataFileRepair"/> did: the collections copied, and where the old file was kept.</summary>
public sealed record RepairReport(string DatabasePath, string DamagedCopyPath, IReadOnlyList<CollectionReport> Collections);
