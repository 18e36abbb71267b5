using System.Collections.Concurrent;

namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// Bounds how much of one kind of work runs at once against one host: the poller's refreshes by the
/// catalog's <c>maxConcurrencyPerHost</c>, the image proxy's fetches by its own bound. The feed
/// client's handler sets no connection cap of its own, so the limit the operator sets is the one
/// that holds, and holds across runs that overlap (the scheduled poll and an admin poll).
/// </summary>
public sealed class HostGates
{
    // Keyed by the limit too: a catalog edit that changes it takes effect for the next entries,
    // while those under way finish under the old one. The gates live as long as their owner (a
    // SemaphoreSlim whose AvailableWaitHandle is never asked for holds nothing to dispose).
    // The key and the lease are classes: the dictionary and the async builder over them share code
    // precompiled for reference types, which over value types each process JIT-compiles (decision 0074).
    private readonly ConcurrentDictionary<GateKey, SemaphoreSlim> gates = new(new KeyComparer());

    /// <summary>Waits until fewer than <paramref name="limit"/> entries hold <paramref name="host"/>'s gate, then holds it until the lease is disposed.</summary>
    public async ValueTask<Lease> EnterAsync(string host, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var gate = gates.GetOrAdd(new GateKey(host, limit), static key => new SemaphoreSlim(key.Limit, key.Limit));
        await gate.WaitAsync(cancellationToken);
        return new Lease(gate);
    }

    /// <summary>Holds a place at a host's gate until disposed.</summary>
    public sealed class Lease(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed record GateKey(string Host, int Limit);

    // Host names compare without case, as DNS does.
    private sealed class KeyComparer : IEqualityComparer<GateKey>
    {
        public bool Equals(GateKey? x, GateKey? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Limit == y.Limit && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase));

        public int GetHashCode(GateKey obj) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Limit);
    }
}
