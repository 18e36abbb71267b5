using System.Collections.Concurrent;
using AiFeed.Catalog;

namespace AiFeed.Ingestion;

// A run's sources: each read within the catalog's limits, then stored outside them (decision 0073).
public sealed partial class SourcePoller
{
    private async Task RefreshAllAsync(IEnumerable<SourceDefinition> ordered, CatalogDefaults defaults, SourceStateBatch batch, ConcurrentBag<RefreshReport> reports, CancellationToken cancellationToken)
    {
        // The catalog's limits hold the requests; processing and storing run outside them, so the
        // single writer's turn never keeps a place from the next request. What is read and not yet
        // stored is bounded, which bounds the memory it holds (Polling:ReadAhead, decision 0084).
        using var unstored = new SemaphoreSlim(defaults.MaxConcurrency * polling.CurrentValue.ReadAhead);
        var storing = new List<Task>();
        try
        {
            await Parallel.ForEachAsync(
                ordered,
                new ParallelOptions { MaxDegreeOfParallelism = defaults.MaxConcurrency, CancellationToken = cancellationToken },
                async (source, ct) =>
                {
                    await unstored.WaitAsync(ct);
                    FeedRefresher.SourceRead read;
                    try
                    {
                        using var lease = await hostGates.EnterAsync(HostOf(source), defaults.MaxConcurrencyPerHost, ct);
                        read = await refresher.ReadAsync(source, defaults, batch, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        unstored.Release();
                        // A bug in one source's path must not end the run for the others, nor leave
                        // the source without a state (it would be due again at every dispatch).
                        Log.RefreshCrashed(logger, ex, source.Id);
                        reports.Add(await RecordCrashAsync(source, defaults, batch, ex, ct));
                        return;
                    }
                    catch
                    {
                        unstored.Release();
                        throw;
                    }

                    var stored = Task.Run(() => StoreAsync(read, batch, reports, unstored, cancellationToken), CancellationToken.None);
                    lock (storing)
                    {
                        storing.Add(stored);
                    }
                });
        }
        finally
        {
            // Every source read is stored and recorded before the run ends, cancelled or not.
            Task[] pending;
            lock (storing)
            {
                pending = [.. storing];
            }

            await Task.WhenAll(pending);
        }
    }

    private async Task StoreAsync(FeedRefresher.SourceRead read, SourceStateBatch batch, ConcurrentBag<RefreshReport> reports, SemaphoreSlim unstored, CancellationToken cancellationToken)
    {
        var place = new UnstoredPlace(unstored);
        try
        {
            reports.Add(await refresher.StoreAsync(read, batch, place.Release, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RefreshCrashed(logger, ex, read.Source.Id);
            reports.Add(await RecordCrashAsync(read.Source, read.Defaults, batch, ex, cancellationToken));
        }
        finally
        {
            place.Release();
        }
    }

    // A read source's place among those not yet stored: given back by the writer the moment its posts
    // are stored, else when its refresh ends (nothing to store, or storing failed); once either way.
    private sealed class UnstoredPlace(SemaphoreSlim places)
    {
        private int released;

        public void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                places.Release();
            }
        }
    }

    private async Task<RefreshReport> RecordCrashAsync(SourceDefinition source, CatalogDefaults defaults, SourceStateBatch batch, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            return await refresher.RecordCrashAsync(source, defaults, batch, exception, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store is failing too; the run's end reports that when it flushes.
            return new RefreshReport(source.Id, RefreshOutcome.FetchError, Error: exception.Message);
        }
    }

    private static string HostOf(SourceDefinition source) =>
        Uri.TryCreate(source.Url ?? source.Site, UriKind.Absolute, out var uri) ? uri.Host : source.Id;
}
