using System.Text.Json;
using AiFeed.Catalog;
using AiFeed.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiFeed.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddAiFeedHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<CatalogHealthCheck>("catalog", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        services.AddHostedService<StartupSummary>();
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // Alive: the process answers. Ready: the store reads, the scheduler runs, the catalog is valid.
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        routes.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return routes;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

internal sealed class StoreHealthCheck(IPostStore posts, IStoreLifecycle store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            store.EnsureUsable();
            var count = await posts.CountAsync(new Model.PostQuery(), cancellationToken);
            return HealthCheckResult.Healthy($"{count} posts stored");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the host is stopping): nothing is wrong with the store, so
            // nothing is reported; the health check service lets the cancellation through.
            throw;
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(StoreErrors.Describe(ex) ?? $"the store cannot be read: {ex.Message}");
        }
    }
}

/// <summary>
/// Unhealthy only when no valid catalog was ever read. A broken edit while a good catalog is in
/// force is Degraded (still ready): the service polls on with the last good catalog, and taking it
/// out of rotation for a typo in feeds.json would turn a mistake into an outage.
/// </summary>
internal sealed class CatalogHealthCheck(ICatalogProvider catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sources = catalog.Current.Sources.Count;
        if (catalog.Errors.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{catalog.FilePath}: {sources} sources"));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["errors"] = catalog.Errors.Select(e => e.ToString()).ToArray(),
        };
        var errors = string.Join("; ", catalog.Errors.Take(5).Select(e => e.ToString()));
        return Task.FromResult(catalog.AppliedAt is { } applied
            ? HealthCheckResult.Degraded($"the file does not validate; the last good catalog ({sources} sources, read {applied:o}) stays in force: {errors}", data: data)
            : HealthCheckResult.Unhealthy($"no valid catalog: {errors}", data: data));
    }
}

internal sealed class SchedulerHealthCheck(ISchedulerFactory factory, Jobs.SchedulerStore store, IOptions<Ingestion.PollingOptions> polling) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Clustered && !polling.Value.Enabled)
        {
            // An API-only node of a cluster runs no scheduler on purpose; the other nodes poll.
            return HealthCheckResult.Healthy("no scheduler on this node (Polling:Enabled=false): the cluster's other nodes poll");
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        return scheduler.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("the scheduler is running")
            : HealthCheckResult.Unhealthy("the scheduler is not running");
    }
}
