namespace AiFeed.Catalog;

/// <summary>
/// A catalog read once, for a one-shot verb: nothing watches its file, so it never changes while
/// the process runs and <see cref="Changed"/> is never raised.
/// </summary>
public sealed class FixedCatalogProvider(FeedCatalog current, IReadOnlyList<CatalogError> errors, string filePath, DateTimeOffset? appliedAt) : ICatalogProvider
{
    public FeedCatalog Current { get; } = current ?? throw new ArgumentNullException(nameof(current));

    public IReadOnlyList<CatalogError> Errors { get; } = errors ?? throw new ArgumentNullException(nameof(errors));

    public string FilePath { get; } = filePath ?? throw new ArgumentNullException(nameof(filePath));

    public DateTimeOffset? AppliedAt { get; } = appliedAt;

    public event EventHandler<CatalogChangedEventArgs>? Changed
    {
        add { }
        remove { }
    }
}
