namespace AiFeed.Tests.Infrastructure;

/// <summary>Waits for a condition a background process makes true (a file watcher, a triggered job), with a deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    /// <summary>Returns the first value <paramref name="probe"/> gives that satisfies <paramref name="done"/>; fails with the last value at the deadline.</summary>
    public static async Task<T> ReachAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
