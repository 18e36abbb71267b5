using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>IMetadataStore over PostgreSQL: one row per key.</summary>
public sealed class PostgresMetadataStore(PostgresDatabase database) : IMetadataStore
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT value FROM aifeed_metadata WHERE key = $1", connection);
        command.Parameters.Add(PostRows.Parameter(key));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO aifeed_metadata (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", connection);
        command.Parameters.Add(PostRows.Parameter(key));
        command.Parameters.Add(PostRows.Parameter(value));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
