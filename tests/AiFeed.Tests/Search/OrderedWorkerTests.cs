using AiFeed.Search;

namespace AiFeed.Tests.Search;

/// <summary>The index's staging worker: items in queue order, one at a time, never on the pool.</summary>
public sealed class OrderedWorkerTests
{
    [Fact]
    public async Task Run_ManyItemsQueuedAtOnce_RunOneAtATimeInQueueOrder()
    {
        // Arrange
        var worker = new OrderedWorker("test worker");
        var ran = new List<int>();
        var running = 0;
        var overlapped = false;

        // Act
        var tasks = Enumerable.Range(0, 200).Select(i => worker.Run(() =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            ran.Add(i);
            Interlocked.Decrement(ref running);
        })).ToList();
        await Task.WhenAll(tasks);

        // Assert
        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, 200), ran);
    }

    [Fact]
    public async Task Run_AnyItem_RunsOnAThreadOutsideThePool()
    {
        // Arrange: the writer waits for staged batches while holding a lock pool threads may be blocked on.
        var worker = new OrderedWorker("test worker");
        bool? onPool = null;

        // Act
        await worker.Run(() => onPool = Thread.CurrentThread.IsThreadPoolThread);

        // Assert
        Assert.False(onPool);
    }

    [Fact]
    public async Task Run_ItemThrows_ItsTaskFaultsAndLaterItemsStillRun()
    {
        // Arrange
        var worker = new OrderedWorker("test worker");
        var later = false;

        // Act
        var failing = worker.Run(() => throw new InvalidOperationException("broken batch"));
        await worker.Run(() => later = true);

        // Assert
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("broken batch", error.Message);
        Assert.True(later);
    }
}
