namespace AiFeed.Catalog;

/// <summary>The catalog in force: the last feeds.json that validated, and the errors of the file as it is now.</summary>
public interface ICatalogProvider
{
    FeedCatalog Current { get; }

    /// <summary>Problems of the file on disk; empty when the file in force is the file on disk.</summary>
    IReadOnlyList<CatalogError> Errors { get; }

    string FilePath { get; }
}
