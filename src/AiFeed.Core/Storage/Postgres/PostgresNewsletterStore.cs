using AiFeed.Model;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// INewsletterStore over PostgreSQL: the current version of each issue keyed by its date, earlier
/// versions in a second table keyed "date/vN" (as the embedded store keeps them).
/// </summary>
public sealed class PostgresNewsletterStore(PostgresDatabase database) : INewsletterStore
{
    private const string Head = "date, version, composed_at, window_start, window_end, subject, post_count";
    private const string Bodies = "json, html, markdown, body_text";

    public async Task<FrozenIssue?> GetAsync(string issueDate, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT date, {Head}, {Bodies} FROM aifeed_newsletters WHERE date = $1", [issueDate], bodies: true, cancellationToken)).FirstOrDefault();

    public async Task<FrozenIssue?> GetPreviousAsync(string issueDate, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT date, {Head}, {Bodies} FROM aifeed_newsletters WHERE date < $1 ORDER BY date DESC LIMIT 1", [issueDate], bodies: true, cancellationToken)).FirstOrDefault();

    public async Task<bool> TryAddAsync(FrozenIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        issue.Id = issue.Date;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Insert(connection, "aifeed_newsletters", issue, onConflict: "ON CONFLICT (date) DO NOTHING");
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReplaceAsync(FrozenIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var keep = new NpgsqlCommand(
            $"""
            INSERT INTO aifeed_newsletter_versions (id, {Head}, {Bodies})
            SELECT date || '/v' || version, {Head}, {Bodies} FROM aifeed_newsletters WHERE date = $1
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, composed_at = excluded.composed_at, window_start = excluded.window_start,
                window_end = excluded.window_end, subject = excluded.subject, post_count = excluded.post_count, json = excluded.json,
                html = excluded.html, markdown = excluded.markdown, body_text = excluded.body_text
            """,
            connection,
            transaction))
        {
            keep.Parameters.Add(Sql.Parameter(issue.Date));
            await keep.ExecuteNonQueryAsync(cancellationToken);
        }

        issue.Id = issue.Date;
        await using (var replace = Insert(connection, "aifeed_newsletters", issue, onConflict: $"ON CONFLICT (date) DO UPDATE SET ({Head}, {Bodies}) = (excluded.date, excluded.version, excluded.composed_at, excluded.window_start, excluded.window_end, excluded.subject, excluded.post_count, excluded.json, excluded.html, excluded.markdown, excluded.body_text)"))
        {
            replace.Transaction = transaction;
            await replace.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FrozenIssue>> GetVersionsAsync(string issueDate, CancellationToken cancellationToken) =>
        await ReadAsync(
            $"SELECT id, {Head}, {Bodies} FROM aifeed_newsletter_versions WHERE date = $1 UNION ALL SELECT date, {Head}, {Bodies} FROM aifeed_newsletters WHERE date = $1 ORDER BY version",
            [issueDate],
            bodies: true,
            cancellationToken);

    public async Task<string?> GetFirstDateAsync(CancellationToken cancellationToken) =>
        await database.ScalarAsync("SELECT min(date) FROM aifeed_newsletters", [], cancellationToken) as string;

    public async Task<IReadOnlyList<FrozenIssue>> ListAsync(int limit, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT date, {Head} FROM aifeed_newsletters ORDER BY date DESC LIMIT $1", [Math.Max(limit, 1)], bodies: false, cancellationToken);

    /// <summary>Writes an earlier version as it is (copy-store).</summary>
    internal async Task AddVersionAsync(FrozenIssue version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Insert(connection, "aifeed_newsletter_versions", version, onConflict: "");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every earlier version (copy-store).</summary>
    internal async Task<IReadOnlyList<FrozenIssue>> ListVersionsAsync(CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT id, {Head}, {Bodies} FROM aifeed_newsletter_versions ORDER BY id", [], bodies: true, cancellationToken);

    // The current table is keyed by date; the versions table also has the "date/vN" id.
    private static NpgsqlCommand Insert(NpgsqlConnection connection, string table, FrozenIssue issue, string onConflict)
    {
        var versions = table == "aifeed_newsletter_versions";
        var command = new NpgsqlCommand(
            $"INSERT INTO {table} ({(versions ? "id, " : "")}{Head}, {Bodies}) VALUES ({(versions ? "$12, " : "")}$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) {onConflict}",
            connection);
        foreach (var value in new object[] { issue.Date, issue.Version, Ticks.Of(issue.ComposedAt), Ticks.Of(issue.WindowStart), Ticks.Of(issue.WindowEnd), issue.Subject, issue.PostCount, issue.Json, issue.Html, issue.Markdown, issue.Text })
        {
            command.Parameters.Add(Sql.Parameter(value));
        }

        if (versions)
        {
            command.Parameters.Add(Sql.Parameter(issue.Id));
        }

        return command;
    }

    private Task<List<FrozenIssue>> ReadAsync(string sql, object[] values, bool bodies, CancellationToken cancellationToken) =>
        database.QueryAsync(sql, values, reader => new FrozenIssue
        {
            Id = reader.GetString(0),
            Date = reader.GetString(1),
            Version = reader.GetInt32(2),
            ComposedAt = Ticks.ReadRequired(reader, 3),
            WindowStart = Ticks.ReadRequired(reader, 4),
            WindowEnd = Ticks.ReadRequired(reader, 5),
            Subject = reader.GetString(6),
            PostCount = reader.GetInt32(7),
            Json = bodies ? reader.GetString(8) : "",
            Html = bodies ? reader.GetString(9) : "",
            Markdown = bodies ? reader.GetString(10) : "",
            Text = bodies ? reader.GetString(11) : "",
        }, cancellationToken);
}
