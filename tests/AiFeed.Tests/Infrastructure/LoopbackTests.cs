namespace AiFeed.Tests.Infrastructure;

/// <summary>Base of test classes that serve feeds from loopback: a fresh server and temp folder per test.</summary>
public abstract class LoopbackTests : IAsyncLifetime
{
    /// <summary>The newest item date the tests' feeds use.</summary>
    protected static readonly DateTimeOffset Newest = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected TempDirectory Folder { get; } = new();

    protected LoopbackServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
