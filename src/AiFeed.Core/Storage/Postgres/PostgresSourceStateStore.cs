using AiFeed.Model;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// ISourceStateStore over PostgreSQL. Nothing is kept in memory: every node reads what the others
/// wrote. A pause lives in columns of its own that a refresh's write leaves alone, so an operator's
/// pause (on any node) stands whatever a poll that read the state before it writes back.
/// </summary>
public sealed class PostgresSourceStateStore(PostgresDatabase database) : ISourceStateStore
{
    private const string Select = "SELECT doc, paused, paused_at FROM aifeed_source_states";

    public async Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"{Select} WHERE source_id = $1", [sourceId], Read, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<SourceState>> GetAllAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync($"{Select} ORDER BY source_id", [], Read, cancellationToken);

    public async Task SaveAsync(SourceState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await database.ExecuteAsync(
            """
            INSERT INTO aifeed_source_states (source_id, paused, paused_at, doc) VALUES ($1, $2, $3, $4::json)
            ON CONFLICT (source_id) DO UPDATE SET paused = excluded.paused, paused_at = excluded.paused_at, doc = excluded.doc
            """,
            Values(state),
            cancellationToken);
    }

    public async Task SaveRefreshedAsync(IReadOnlyList<SourceState> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var state in states)
        {
            batch.BatchCommands.Add(Sql.Command(
                """
                INSERT INTO aifeed_source_states (source_id, paused, paused_at, doc) VALUES ($1, $2, $3, $4::json)
                ON CONFLICT (source_id) DO UPDATE SET doc = excluded.doc
                RETURNING source_id, paused, paused_at
                """,
                Values(state)));
        }

        var byId = states.ToLookup(s => s.SourceId, StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    foreach (var state in byId[reader.GetString(0)])
                    {
                        state.Paused = reader.GetBoolean(1);
                        state.PausedAt = Ticks.Read(reader, 2);
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static object?[] Values(SourceState state) => [state.SourceId, state.Paused, Ticks.Of(state.PausedAt), StoreJson.Write(state)];

    private static SourceState Read(NpgsqlDataReader reader)
    {
        var state = StoreJson.Read<SourceState>(reader.GetString(0));
        state.Paused = reader.GetBoolean(1);
        state.PausedAt = Ticks.Read(reader, 2);
        return state;
    }
}
