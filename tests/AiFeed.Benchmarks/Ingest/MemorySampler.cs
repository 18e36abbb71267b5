using System.Diagnostics;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>Samples the process's working set every 10 ms: the peak of one phase (Process.PeakWorkingSet64 is the peak of the whole process).</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer timer;
    private readonly Process process = Process.GetCurrentProcess();
    private long peak;
    private bool disposed;

    public MemorySampler()
    {
        timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref peak);
        }
    }

    public void Dispose()
    {
        timer.Dispose();

        // A callback already running when the timer is disposed must not refresh a disposed Process.
        lock (process)
        {
            disposed = true;
            process.Dispose();
        }
    }

    private void Sample()
    {
        lock (process)
        {
            if (disposed)
            {
                return;
            }

            process.Refresh();
            var current = process.WorkingSet64;
            if (current > peak)
            {
                peak = current;
            }
        }
    }
}
