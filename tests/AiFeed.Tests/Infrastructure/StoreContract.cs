namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// A store-contract test class: its tests run once per provider, through a subclass that opens an
/// empty store of that provider (<see cref="OnLiteDb"/>, <see cref="OnPostgresAsync"/>).
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private StoreUnderTest? store;

    protected StoreUnderTest db => store ?? throw new InvalidOperationException("The store opens in InitializeAsync.");

    protected abstract Task<StoreUnderTest> OpenAsync();

    public async ValueTask InitializeAsync() => store = await OpenAsync();

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static Task<StoreUnderTest> OnLiteDb() => Task.FromResult<StoreUnderTest>(new LiteDbStoreUnderTest());

    /// <summary>The class's own database, emptied for this test; skips (or fails under CI) without a server.</summary>
    protected static async Task<StoreUnderTest> OnPostgresAsync(TestPostgres server)
    {
        ArgumentNullException.ThrowIfNull(server);
        TestPostgres.EnsureConfigured();
        await server.EmptyAsync();
        return new PostgresStoreUnderTest(server.ConnectionString);
    }
}
