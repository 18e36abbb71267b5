using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>Per-source polling state, persisted across restarts.</summary>
public interface ISourceStateStore
{
    Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SourceState>> GetAllAsync(CancellationToken cancellationToken);

    Task SaveAsync(SourceState state, CancellationToken cancellationToken);
}
