namespace AiFeed.Storage.Postgres;

/// <summary>IMetadataStore over PostgreSQL: one row per key.</summary>
public sealed class PostgresMetadataStore(PostgresDatabase database) : IMetadataStore
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        await database.ScalarAsync("SELECT value FROM aifeed_metadata WHERE key = $1", [key], cancellationToken) as string;

    public Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO aifeed_metadata (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value], cancellationToken);
}
