using AiFeed.Catalog;
using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion;

/// <summary>
/// Makes a new catalog's schedule true at once: a source whose interval shrank is not left
/// waiting out the old, longer interval. New sources need nothing (no state means due) and
/// removed ones simply stop being picked; their state and posts stay.
/// </summary>
public sealed class CatalogReconciler(ISourceStateStore states, IOptionsMonitor<PollingOptions> polling)
{
    /// <summary>Returns true when a source became due earlier, or a source was added.</summary>
    public async Task<bool> ApplyAsync(CatalogChangedEventArgs change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var earlier = change.Added.Count > 0;
        var changedIds = change.DefaultsChanged ? change.Current.Sources.Select(s => s.Id) : change.Modified;
        foreach (var id in changedIds)
        {
            var source = change.Current.Find(id);
            var state = await states.GetAsync(id, cancellationToken);
            if (source is null || state is not { ConsecutiveErrors: 0, LastPollAt: { } lastPoll, NextCheckAt: { } next })
            {
                // Errors keep their backoff; a never-polled source is already due.
                continue;
            }

            var interval = NextCheck.IntervalOf(source, change.Current.Defaults, polling.CurrentValue.IntervalOverride);
            if (lastPoll + interval < next)
            {
                state.NextCheckAt = lastPoll + interval;
                await states.SaveAsync(state, cancellationToken);
                earlier = true;
            }
        }

        return earlier;
    }
}
