namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// Base of test classes that serve feeds from loopback: a fresh server and temp folder per test.
/// Classes that also run a host set it up in <see cref="StartedAsync"/> and tear it down in
/// <see cref="StoppingAsync"/>, before the server and folder go.
/// </summary>
public abstract class LoopbackTests : IAsyncLifetime
{
    /// <summary>The newest item date the tests' feeds use.</summary>
    protected static readonly DateTimeOffset Newest = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected TempDirectory Folder { get; } = new();

    protected LoopbackServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        await StartedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StoppingAsync();
        await Server.DisposeAsync();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs once the server listens: map feeds, start a host.</summary>
    protected virtual ValueTask StartedAsync() => ValueTask.CompletedTask;

    /// <summary>Runs before the server stops: dispose what StartedAsync made.</summary>
    protected virtual ValueTask StoppingAsync() => ValueTask.CompletedTask;
}
