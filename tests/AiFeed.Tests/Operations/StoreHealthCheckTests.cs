using AiFeed.Health;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFeed.Tests.Operations;

/// <summary>The readiness check of the store: what it reports, and what it does not.</summary>
public sealed class StoreHealthCheckTests
{
    [Fact]
    public async Task Check_ClientHangsUp_CancelledNotReportedAsUnreadableStore()
    {
        // Arrange: the in-memory indexes are still to be built, so the check has to wait, and the
        // client that asked is gone.
        using var store = new TempStore();
        var check = new StoreHealthCheck(store.Posts, store.Lifecycle);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        // Act + Assert: the cancellation goes through (the health check service lets it), no "Unhealthy".
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckHealthAsync(new HealthCheckContext(), gone.Token));
    }

    [Fact]
    public async Task Check_DataFileReplacedWhileRunning_UnhealthyNamingIt()
    {
        // Arrange
        using var store = new TempStore();
        await store.Posts.SaveAsync([Storage.TestPosts.Make(1)], TestContext.Current.CancellationToken);
        var check = new StoreHealthCheck(store.Posts, store.Lifecycle);
        File.Move(store.Context.DatabasePath, store.Context.DatabasePath + ".old");

        // Act
        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith($"the data file '{store.Context.DatabasePath}' was moved, replaced or deleted", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Healthy_CountsThePosts()
    {
        // Arrange
        using var store = new TempStore();
        await store.Posts.SaveAsync([Storage.TestPosts.Make(1), Storage.TestPosts.Make(2)], TestContext.Current.CancellationToken);

        // Act
        var result = await new StoreHealthCheck(store.Posts, store.Lifecycle).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("2 posts stored", result.Description);
    }
}
