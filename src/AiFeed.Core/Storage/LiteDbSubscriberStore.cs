using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>ISubscriberStore over LiteDB: subscribers by id with a unique address index; deliveries keyed "date/recipient".</summary>
public sealed class LiteDbSubscriberStore(LiteDbContext context) : ISubscriberStore
{
    public Task<Subscriber?> FindAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<Subscriber?>(context.Subscribers.FindById(id));
    }

    public Task<Subscriber?> FindByEmailAsync(string emailKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<Subscriber?>(context.Subscribers.FindOne(s => s.EmailKey == emailKey));
    }

    public Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        try
        {
            context.Subscribers.Insert(subscriber);
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        context.Subscribers.Update(subscriber);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        var database = context.Database;
        database.BeginTrans();
        try
        {
            var deleted = context.Subscribers.Delete(id);
            context.Deliveries.DeleteMany(d => d.Recipient == id);
            database.Commit();
            return Task.FromResult(deleted);
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }

    public Task<int> DeleteUnconfirmedAsync(DateTime before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        return Task.FromResult(context.Subscribers.DeleteMany(s => s.ConfirmedAt == null && s.SubscribedAt < before));
    }

    public Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<Subscriber>>([.. context.Subscribers.Query().OrderBy(s => s.EmailKey).ToEnumerable()]);
    }

    public Task<bool> TryClaimDeliveryAsync(string issueDate, string recipient, DateTime now, int maxAttempts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        var id = IssueDelivery.IdOf(issueDate, recipient);
        // The gate makes find-then-write atomic within the process; the data folder lock keeps other processes out.
        var existing = context.Deliveries.FindById(id);
        if (existing is null)
        {
            context.Deliveries.Insert(new IssueDelivery { Id = id, Date = issueDate, Recipient = recipient, State = DeliveryState.Sending, Attempts = 1, ClaimedAt = now });
            return Task.FromResult(true);
        }

        if (existing.State != DeliveryState.Failed || existing.Attempts >= maxAttempts)
        {
            return Task.FromResult(false);
        }

        existing.State = DeliveryState.Sending;
        existing.Attempts++;
        existing.ClaimedAt = now;
        context.Deliveries.Update(existing);
        return Task.FromResult(true);
    }

    public Task CompleteDeliveryAsync(string issueDate, string recipient, string state, string? reason, DateTime now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        if (context.Deliveries.FindById(IssueDelivery.IdOf(issueDate, recipient)) is { } delivery)
        {
            delivery.State = state;
            delivery.Error = reason;
            delivery.SentAt = state == DeliveryState.Sent ? now : null;
            context.Deliveries.Update(delivery);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IssueDelivery>> ListDeliveriesAsync(string issueDate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<IssueDelivery>>([.. context.Deliveries.Find(d => d.Date == issueDate)]);
    }
}
