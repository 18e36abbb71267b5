using Npgsql;
using NpgsqlTypes;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// How the PostgreSQL stores talk to the database: positional parameters ($1, $2, …), one command
/// per call on a pooled connection, rows mapped by the caller. Every value is a parameter; SQL text
/// is built only from constants and column names.
/// </summary>
internal static class Sql
{
    public static NpgsqlParameter Parameter(object? value) => value switch
    {
        string[] array => new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        null => new NpgsqlParameter { Value = DBNull.Value },
        _ => new NpgsqlParameter { Value = value },
    };

    /// <summary>A batch command with positional parameters.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    public static async Task<List<T>> QueryAsync<T>(this PostgresDatabase database, string sql, IEnumerable<object?> values, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(sql, values, read, cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(this NpgsqlConnection connection, string sql, IEnumerable<object?> values, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Create(connection, sql, values);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<int> ExecuteAsync(this PostgresDatabase database, string sql, IEnumerable<object?> values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Create(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(this PostgresDatabase database, string sql, IEnumerable<object?> values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Create(connection, sql, values);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static NpgsqlCommand Create(NpgsqlConnection connection, string sql, IEnumerable<object?> values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }
}
