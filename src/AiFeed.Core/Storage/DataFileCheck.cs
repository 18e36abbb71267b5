namespace AiFeed.Storage;

/// <summary>
/// <c>aifeed check</c>: reads the whole data file, read-only, while holding the data folder lock
/// (so never beside a running service): every collection's ids from its _id index, every document,
/// and every secondary index to its end.
/// </summary>
public static class DataFileCheck
{
    public static DataFileReport Run(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"there is no data file at '{databasePath}'", databasePath);
        }

        using var held = DataFolderLock.Acquire(databasePath);
        using var reader = new SalvagingReader(databasePath);
        return new DataFileReport(databasePath, [.. reader.CollectionNames().Select(name => CheckCollection(reader, name))]);
    }

    private static CollectionReport CheckCollection(SalvagingReader reader, string name)
    {
        var report = reader.Walk(name, _ => { });
        var problems = report.Problems.ToList();
        foreach (var (index, expression) in reader.Indexes(name))
        {
            if (reader.WalkIndex(name, index, expression, report.Documents + report.Unreadable) is { } error)
            {
                problems.Add($"its index {index} ({expression}) is damaged: {error}");
            }
        }

        return report with { Problems = problems };
    }
}

/// <summary>What <see cref="DataFileCheck"/> found.</summary>
public sealed record DataFileReport(string DatabasePath, IReadOnlyList<CollectionReport> Collections)
{
    public bool Healthy => Collections.All(c => c.Problems.Count == 0);
}

/// <summary>One collection: documents read, documents that could not be, and what is wrong.</summary>
public sealed record CollectionReport(string Name, int Documents, int Unreadable, IReadOnlyList<string> Problems);
