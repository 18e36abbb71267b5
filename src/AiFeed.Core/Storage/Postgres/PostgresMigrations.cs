using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, as migrations. Convention (keep it exactly, other areas add files):
/// each migration is a file <c>Storage/Postgres/Migrations/NNNN_name.sql</c> (four digits, an
/// underscore, a lower-case name), embedded in AiFeed.Core by the csproj's wildcard, applied once
/// in name order, each in its own transaction, and recorded by name (with a SHA-256 of its text)
/// in <c>aifeed_schema_migrations</c>. 0001-0899 are the store's; 0900_quartz.sql is Quartz's
/// cluster tables. A migration is never edited once released: a change is a new file. Nodes that
/// start at once take turns on a session advisory lock, so each file runs exactly once.
/// </summary>
public static class PostgresMigrations
{
    private const string Prefix = "AiFeed.Storage.Postgres.Migrations.";

    // pg_advisory_lock key: "aifeed-migrations" as a constant, so every node takes the same lock.
    private const long LockKey = 0x41694665_65644d67;

    /// <summary>Every embedded migration, in the order it applies.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies the migrations the database lacks, in order; the names of those it applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            return await ApplyAsync(database.DataSource, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException)
        {
            throw database.Unavailable(ex);
        }
    }

    internal static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS aifeed_schema_migrations (
                    name text COLLATE "C" PRIMARY KEY,
                    sha256 text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var ran = new List<string>();
            foreach (var migration in All)
            {
                if (applied.TryGetValue(migration.Name, out var sha))
                {
                    if (!string.Equals(sha, migration.Sha256, StringComparison.Ordinal))
                    {
                        throw new MigrationChangedException($"the migration {migration.Name} was changed after it was applied to this database; put the change in a new migration file instead");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO aifeed_schema_migrations (name, sha256) VALUES ($1, $2)", connection))
                {
                    record.Parameters.Add(new() { Value = migration.Name });
                    record.Parameters.Add(new() { Value = migration.Sha256 });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                ran.Add(migration.Name);
            }

            return ran;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>The names of the migrations the database has (none when it never had any).</summary>
    public static async Task<IReadOnlyCollection<string>> AppliedAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('aifeed_schema_migrations') IS NOT NULL", connection);
        return await exists.ExecuteScalarAsync(cancellationToken) is true
            ? (await AppliedAsync(connection, cancellationToken)).Keys
            : [];
    }

    private static async Task<Dictionary<string, string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT name, sha256 FROM aifeed_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var name = resource[Prefix.Length..];
            migrations.Add(new Migration(name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))))));
        }

        return [.. migrations.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }
}

/// <summary>One embedded schema migration: its file name ("0001_store.sql"), its SQL and the SHA-256 recorded when it is applied.</summary>
public sealed record Migration(string Name, string Sql, string Sha256);

/// <summary>An applied migration's file differs from what was applied: a release edited it instead of adding a new one.</summary>
public sealed class MigrationChangedException(string message) : Exception(message);
