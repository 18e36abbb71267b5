namespace AiFeed.Search;

/// <summary>
/// Runs work items one at a time, in the order they came, on a thread of its own (not the pool's):
/// whoever waits for an item may hold a lock that pool threads are blocked on, and the item must
/// still run. The thread ends after a second without work and starts again with the next item,
/// so an idle index holds no thread and a burst of writes creates one.
/// </summary>
internal sealed class OrderedWorker(string name)
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    // Monitor.Wait/Pulse need an object's monitor (System.Threading.Lock has no condition wait).
    private readonly object sync = new();
    private readonly Queue<(Action Work, TaskCompletionSource Done)> queue = new();
    private bool running;

    /// <summary>Queues <paramref name="work"/>; the task completes when it has run (faulted if it threw).</summary>
    public Task Run(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (sync)
        {
            queue.Enqueue((work, done));
            if (running)
            {
                Monitor.Pulse(sync);
            }
            else
            {
                running = true;
                new Thread(Loop) { IsBackground = true, Name = name }.Start();
            }
        }

        return done.Task;
    }

    private void Loop()
    {
        while (true)
        {
            (Action Work, TaskCompletionSource Done) item;
            lock (sync)
            {
                while (queue.Count == 0)
                {
                    if (!Monitor.Wait(sync, Linger) && queue.Count == 0)
                    {
                        running = false;
                        return;
                    }
                }

                item = queue.Dequeue();
            }

            try
            {
                item.Work();
                item.Done.SetResult();
            }
            catch (Exception ex)
            {
                // Not this worker's to handle: the one waiting for the item sees it.
                item.Done.SetException(ex);
            }
        }
    }
}
