using AiFeed.Model;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// ISubscriberStore over PostgreSQL: subscribers with a unique address key; deliveries keyed
/// "date/recipient", claimed by one atomic upsert, so two nodes sending at once never both send.
/// </summary>
public sealed class PostgresSubscriberStore(PostgresDatabase database) : ISubscriberStore
{
    private const string SubscriberColumns = "id, email, email_key, subscribed_at, confirmed_at, last_confirmation_mail_at, confirmation_mails";
    private const string DeliveryColumns = "id, date, recipient, state, attempts, claimed_at, sent_at, error";

    public async Task<Subscriber?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {SubscriberColumns} FROM aifeed_subscribers WHERE id = $1", [id], ReadSubscriber, cancellationToken)).FirstOrDefault();

    public async Task<Subscriber?> FindByEmailAsync(string emailKey, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {SubscriberColumns} FROM aifeed_subscribers WHERE email_key = $1", [emailKey], ReadSubscriber, cancellationToken)).FirstOrDefault();

    public async Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return await database.ExecuteAsync($"INSERT INTO aifeed_subscribers ({SubscriberColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING", Values(subscriber), cancellationToken) == 1;
    }

    public async Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        await database.ExecuteAsync(
            "UPDATE aifeed_subscribers SET email = $2, email_key = $3, subscribed_at = $4, confirmed_at = $5, last_confirmation_mail_at = $6, confirmation_mails = $7 WHERE id = $1",
            Values(subscriber),
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Sql.Command("DELETE FROM aifeed_subscribers WHERE id = $1", id),
                Sql.Command("DELETE FROM aifeed_deliveries WHERE recipient = $1", id),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var deleted = batch.BatchCommands[0].RecordsAffected == 1;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<int> DeleteUnconfirmedAsync(DateTime before, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM aifeed_subscribers WHERE confirmed_at IS NULL AND subscribed_at < $1", [Ticks.Of(before)], cancellationToken);

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {SubscriberColumns} FROM aifeed_subscribers ORDER BY email_key", [], ReadSubscriber, cancellationToken);

    public async Task<bool> TryClaimDeliveryAsync(string issueDate, string recipient, DateTime now, int maxAttempts, CancellationToken cancellationToken)
    {
        // A new claim inserts; a failed one with attempts left is taken again; anything else is left as it is (no row returned).
        return await database.ScalarAsync(
            $"""
            INSERT INTO aifeed_deliveries ({DeliveryColumns}) VALUES ($1, $2, $3, 'sending', 1, $4, NULL, NULL)
            ON CONFLICT (id) DO UPDATE SET state = 'sending', attempts = aifeed_deliveries.attempts + 1, claimed_at = excluded.claimed_at
                WHERE aifeed_deliveries.state = 'failed' AND aifeed_deliveries.attempts < $5
            RETURNING 1
            """,
            [IssueDelivery.IdOf(issueDate, recipient), issueDate, recipient, Ticks.Of(now), maxAttempts],
            cancellationToken) is not null;
    }

    public async Task CompleteDeliveryAsync(string issueDate, string recipient, string state, string? reason, DateTime now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE aifeed_deliveries SET state = $2, error = $3, sent_at = $4 WHERE id = $1",
            [IssueDelivery.IdOf(issueDate, recipient), state, reason, state == DeliveryState.Sent ? Ticks.Of(now) : null],
            cancellationToken);

    public async Task<IReadOnlyList<IssueDelivery>> ListDeliveriesAsync(string issueDate, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {DeliveryColumns} FROM aifeed_deliveries WHERE date = $1", [issueDate], ReadDelivery, cancellationToken);

    /// <summary>Every delivery record (copy-store).</summary>
    internal async Task<IReadOnlyList<IssueDelivery>> ListAllDeliveriesAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {DeliveryColumns} FROM aifeed_deliveries ORDER BY id", [], ReadDelivery, cancellationToken);

    /// <summary>Writes a delivery record as it is (copy-store).</summary>
    internal async Task AddDeliveryAsync(IssueDelivery delivery, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            $"INSERT INTO aifeed_deliveries ({DeliveryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [delivery.Id, delivery.Date, delivery.Recipient, delivery.State, delivery.Attempts, Ticks.Of(delivery.ClaimedAt), Ticks.Of(delivery.SentAt), delivery.Error],
            cancellationToken);

    private static object?[] Values(Subscriber s) =>
        [s.Id, s.Email, s.EmailKey, Ticks.Of(s.SubscribedAt), Ticks.Of(s.ConfirmedAt), Ticks.Of(s.LastConfirmationMailAt), s.ConfirmationMails];

    private static Subscriber ReadSubscriber(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Email = reader.GetString(1),
        EmailKey = reader.GetString(2),
        SubscribedAt = Ticks.ReadRequired(reader, 3),
        ConfirmedAt = Ticks.Read(reader, 4),
        LastConfirmationMailAt = Ticks.ReadRequired(reader, 5),
        ConfirmationMails = reader.GetInt32(6),
    };

    private static IssueDelivery ReadDelivery(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Date = reader.GetString(1),
        Recipient = reader.GetString(2),
        State = reader.GetString(3),
        Attempts = reader.GetInt32(4),
        ClaimedAt = Ticks.ReadRequired(reader, 5),
        SentAt = Ticks.Read(reader, 6),
        Error = reader.IsDBNull(7) ? null : reader.GetString(7),
    };
}
