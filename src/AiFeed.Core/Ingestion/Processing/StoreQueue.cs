namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Group commit for the posts of sources refreshed at the same time. Find-then-write must not
/// interleave (two sources carrying the same new URL would both insert it), so writes are serial;
/// instead of one transaction per source, whoever finds the queue idle drains it, storing every
/// source that queued meanwhile in one pass (one clustering lookup, one transaction). Cold polls
/// write far fewer, larger transactions, and a lone source still writes at once.
/// </summary>
internal sealed class StoreQueue<TRequest, TResult>(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> storeGroup)
{
    private readonly Lock queueLock = new();
    private readonly List<(TRequest Request, TaskCompletionSource<TResult> Done)> queue = [];
    private bool draining;

    public async Task<TResult> StoreAsync(TRequest request, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (queueLock)
        {
            queue.Add((request, done));
            lead = !draining;
            draining = true;
        }

        if (lead)
        {
            await DrainAsync();
        }

        return await done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(TRequest Request, TaskCompletionSource<TResult> Done)> group;
            lock (queueLock)
            {
                if (queue.Count == 0)
                {
                    draining = false;
                    return;
                }

                group = [.. queue];
                queue.Clear();
            }

            await StoreGroupAsync(group);
        }
    }

    // A group that fails is stored again source by source, so one source's bad batch fails only
    // that source (every batch is one transaction: nothing of a failed one was written).
    private async Task StoreGroupAsync(List<(TRequest Request, TaskCompletionSource<TResult> Done)> group)
    {
        try
        {
            var results = await storeGroup([.. group.Select(g => g.Request)]);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }

            return;
        }
        catch (Exception ex) when (group.Count == 1)
        {
            group[0].Done.TrySetException(ex);
            return;
        }
        catch (Exception)
        {
            // Retried one by one below.
        }

        foreach (var single in group)
        {
            await StoreGroupAsync([single]);
        }
    }
}
