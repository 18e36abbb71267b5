namespace AiFeed.Catalog;

/// <summary>The catalog in force: the last feeds.json that validated, and the errors of the file as it is now.</summary>
public interface ICatalogProvider
{
    FeedCatalog Current { get; }

    /// <summary>Problems of the file on disk; empty when the file in force is the file on disk.</summary>
    IReadOnlyList<CatalogError> Errors { get; }

    string FilePath { get; }

    /// <summary>When the catalog in force was read; null when no valid catalog has been read yet.</summary>
    DateTimeOffset? AppliedAt { get; }

    /// <summary>Raised after a new catalog is in force (never for an edit that did not validate).</summary>
    event EventHandler<CatalogChangedEventArgs>? Changed;
}
