using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// ISourceStateStore over LiteDB (synchronous underneath, see LiteDbPostStore), with every state
/// also held in memory. This process is the data folder's only writer (DataFolderLock) and every
/// write goes through here, so the copy is exact: reads never touch LiteDB after the first, and a
/// poll run's batched writes keep an operator's pause without reading the batch back first.
/// Callers get copies: a state changed by a refresh that then fails is never what others read.
/// <para>
/// A refresh that changed only the account of the last check (a 304, or the same items again: when,
/// status, outcome, size, next due) is kept in memory and written with the source's next real
/// change, once the stored copy is <see cref="LastCheckWriteEvery"/> behind, or when the store closes.
/// Writing 500 such states was most of a warm run's cost (docs/performance.md). What a crash can
/// lose is that account: the stored record still describes an earlier check, consistently, and the
/// sources are due early after the restart, where the validators stored with the last real change
/// get them a 304. A one-shot poll does not write them at its close either (<see cref="LastCheckWrites"/>).
/// </para>
/// </summary>
public sealed class LiteDbSourceStateStore(LiteDbContext context, LastCheckWrites? lastChecks = null) : ISourceStateStore, IDisposable
{
    public static readonly TimeSpan LastCheckWriteEvery = TimeSpan.FromHours(1);

    // Under context.Gate, like every LiteDB call; loaded on first use. The latest state of each
    // source, and the version LiteDB holds where that is older.
    private Dictionary<string, SourceState>? latest;
    private readonly Dictionary<string, SourceState> stored = new(StringComparer.Ordinal);

    public Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult(Latest().GetValueOrDefault(sourceId)?.Copy());
    }

    public Task<IReadOnlyList<SourceState>> GetAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<SourceState>>([.. Latest().Values.Select(s => s.Copy())]);
    }

    public Task SaveAsync(SourceState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        Write([state]);
        return Task.CompletedTask;
    }

    public Task SaveRefreshedAsync(IReadOnlyList<SourceState> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        cancellationToken.ThrowIfCancellationRequested();
        if (states.Count == 0)
        {
            return Task.CompletedTask;
        }

        using var gate = context.EnterWrite();
        var known = Latest();
        var changed = new List<SourceState>(states.Count);
        foreach (var state in states)
        {
            if (known.TryGetValue(state.SourceId, out var current))
            {
                state.Paused = current.Paused;
                state.PausedAt = current.PausedAt;
            }

            if (LastCheckOnly(state))
            {
                known[state.SourceId] = state.Copy();
            }
            else
            {
                changed.Add(state);
            }
        }

        Write(changed);
        return Task.CompletedTask;
    }

    /// <summary>Writes the last checks kept in memory, so a clean shutdown loses nothing (unless <see cref="LastCheckWrites.Hourly"/>).</summary>
    public void Dispose()
    {
        using var gate = context.Gate.EnterScope();
        if (latest is null)
        {
            return;
        }

        var onClose = (lastChecks ?? LastCheckWrites.AtClose).OnClose;
        var unwritten = latest.Values.Where(s => stored.TryGetValue(s.SourceId, out var old) && old != s && (onClose || !LastCheckOnly(s))).ToList();
        try
        {
            context.EnsureLockHeld();
            Write(unwritten);
        }
        catch (Exception e) when (e is ObjectDisposedException or LiteDB.LiteException or DataFolderLockLostException)
        {
            // The database closed first (or is not ours any more): those sources are due early after the restart, nothing more.
        }
    }

    private bool LastCheckOnly(SourceState state) =>
        stored.TryGetValue(state.SourceId, out var old)
        && state.OnlyLastCheckChangedSince(old)
        && state.LastPollAt - old.LastPollAt < LastCheckWriteEvery;

    // Memory follows only once LiteDB has the batch (one transaction): a failed write changes neither.
    private void Write(List<SourceState> states)
    {
        if (states.Count == 0)
        {
            return;
        }

        var known = Latest();
        context.Sources.Upsert(states);
        foreach (var state in states)
        {
            known[state.SourceId] = state.Copy();
            stored[state.SourceId] = state.Copy();
        }
    }

    private Dictionary<string, SourceState> Latest()
    {
        if (latest is null)
        {
            latest = context.Sources.FindAll().ToDictionary(s => s.SourceId, StringComparer.Ordinal);
            foreach (var (id, state) in latest)
            {
                stored[id] = state.Copy();
            }
        }

        return latest;
    }
}
