using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion;

/// <summary>
/// The source states of one poll run: read once when the run starts, written in batches of
/// <see cref="FlushEvery"/> and at the end. One LiteDB read and one write per source made a warm
/// run (every feed a 304) cost several times the HTTP requests themselves (docs/performance.md).
/// A run cut short loses at most the last unflushed states: those sources are fetched again,
/// without validators, and their unchanged items are recognised by hash.
/// </summary>
internal sealed class SourceStateBatch(ISourceStateStore store, IReadOnlyList<SourceState> known)
{
    public const int FlushEvery = 64;

    private readonly Dictionary<string, SourceState> byId = known.ToDictionary(s => s.SourceId, StringComparer.Ordinal);
    private readonly Lock pendingLock = new();
    private List<SourceState> pending = [];

    /// <summary>The stored state of <paramref name="sourceId"/> as the run started, or a new one.</summary>
    public SourceState Get(string sourceId)
    {
        lock (pendingLock)
        {
            return byId.TryGetValue(sourceId, out var state) ? state : new SourceState { SourceId = sourceId };
        }
    }

    public async Task RecordAsync(SourceState state, CancellationToken cancellationToken)
    {
        bool full;
        lock (pendingLock)
        {
            pending.Add(state);
            full = pending.Count >= FlushEvery;
        }

        if (full)
        {
            await FlushAsync(cancellationToken);
        }
    }

    // Batches never overlap (each source is refreshed once per run), so flushes need no order.
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        List<SourceState> batch;
        lock (pendingLock)
        {
            (batch, pending) = (pending, []);
        }

        return store.SaveRefreshedAsync(batch, cancellationToken);
    }
}
