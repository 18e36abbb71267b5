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
    private readonly ConcurrentDictionary<(string Host, int Limit), SemaphoreSlim> gates = new(new KeyComparer());

    /// <summary>Waits until fewer than <paramref name="limit"/> entries hold <paramref name="host"/>'s gate, then holds it until the lease is disposed.</summary>
    public async ValueTask<Lease> EnterAsync(string host, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var gate = gates.GetOrAdd((host, limit), static key => new SemaphoreSlim(key.Limit, key.Limit));
        await gate.WaitAsync(cancellationToken);
        return new Lease(gate);
    }

    /// <summary>Holds a place at a host's gate until disposed.</summary>
    public readonly struct Lease(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }

    // Host names compare without case, as DNS does.
    private sealed class KeyComparer : IEqualityComparer<(string Host, int Limit)>
    {
        public bool Equals((string Host, int Limit) x, (string Host, int Limit) y) =>
            x.Limit == y.Limit && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Host, int Limit) obj) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Limit);
    }
}
