using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>ISourceStateStore over LiteDB (synchronous underneath, see LiteDbPostStore).</summary>
public sealed class LiteDbSourceStateStore(LiteDbContext context) : ISourceStateStore
{
    public Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<SourceState?>(context.Sources.FindById(sourceId));
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
}
