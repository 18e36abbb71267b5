using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>Per-source polling state, persisted across restarts.</summary>
public interface ISourceStateStore
{
    Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SourceState>> GetAllAsync(CancellationToken cancellationToken);

    Task SaveAsync(SourceState state, CancellationToken cancellationToken);

    /// <summary>
    /// Saves what refreshes recorded, in one transaction. A pause an operator set or lifted while
    /// those sources were being fetched stands: it is taken from the stored state, not the given one.
    /// </summary>
    Task SaveRefreshedAsync(IReadOnlyList<SourceState> states, CancellationToken cancellationToken);
}
