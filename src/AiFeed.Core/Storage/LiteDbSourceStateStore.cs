using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>ISourceStateStore over LiteDB (synchronous underneath, see LiteDbPostStore).</summary>
public sealed class LiteDbSourceStateStore(LiteDbContext context) : ISourceStateStore
{
    private readonly CompiledLookup byIds = new("_id IN @0");

    public Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult(Find([sourceId]).FirstOrDefault());
    }

    public Task<IReadOnlyList<SourceState>> GetAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<SourceState>>(context.Sources.FindAll().ToList());
    }

    public Task SaveAsync(SourceState state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        context.Sources.Upsert(state);
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

        using var gate = context.Gate.EnterScope();
        var stored = Find([.. states.Select(s => s.SourceId)]).ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        foreach (var state in states)
        {
            if (stored.TryGetValue(state.SourceId, out var latest))
            {
                state.Paused = latest.Paused;
                state.PausedAt = latest.PausedAt;
            }
        }

        context.Sources.Upsert(states);
        return Task.CompletedTask;
    }

    private List<SourceState> Find(IReadOnlyCollection<string> ids)
    {
        return context.Sources.Find(byIds.With(ids)).ToList();
    }
}
