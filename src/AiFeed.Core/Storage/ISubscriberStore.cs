using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>Newsletter subscribers and the per-recipient delivery claims of each issue.</summary>
public interface ISubscriberStore
{
    Task<Subscriber?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>By the lower-cased address (<see cref="Subscriber.EmailKey"/>).</summary>
    Task<Subscriber?> FindByEmailAsync(string emailKey, CancellationToken cancellationToken);

    /// <summary>Adds a new subscriber; false when the address is already there (left as it was).</summary>
    Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken);

    Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Deletes the subscriber and every delivery record naming it, in one transaction; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes subscriptions never confirmed that were made before <paramref name="before"/>; how many.</summary>
    Task<int> DeleteUnconfirmedAsync(DateTime before, CancellationToken cancellationToken);

    /// <summary>Every subscriber, confirmed or not, in address order.</summary>
    Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the delivery of <paramref name="issueDate"/>'s issue to <paramref name="recipient"/>: true when it
    /// had no record, or a <see cref="DeliveryState.Failed"/> one with fewer than <paramref name="maxAttempts"/>
    /// attempts (which becomes <see cref="DeliveryState.Sending"/> again); false otherwise. Atomic.
    /// </summary>
    Task<bool> TryClaimDeliveryAsync(string issueDate, string recipient, DateTime now, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a claimed delivery.</summary>
    Task CompleteDeliveryAsync(string issueDate, string recipient, string state, string? reason, DateTime now, CancellationToken cancellationToken);

    Task<IReadOnlyList<IssueDelivery>> ListDeliveriesAsync(string issueDate, CancellationToken cancellationToken);
}
