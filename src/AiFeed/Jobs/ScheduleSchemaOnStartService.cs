using AiFeed.Storage.Postgres;

namespace AiFeed.Jobs;

/// <summary>
/// Brings the PostgreSQL schema up to date before Quartz starts (registered ahead of it): Quartz
/// checks its qrtz_ tables (migration 0900_quartz.sql) when it initialises and refuses to start
/// without them. A no-op when the database is current; nodes starting at once take turns.
/// </summary>
internal sealed class ScheduleSchemaOnStartService(SchedulerStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.ConnectionString is { } connectionString)
        {
            await using var database = new PostgresDatabase(connectionString);
            await database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
