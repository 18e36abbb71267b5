using System.Diagnostics.Metrics;
using AiFeed.Ingestion;
using Prometheus;

namespace AiFeed.Observability;

/// <summary>
/// /metrics in Prometheus text format: this host's own meters (AiFeed's instruments from Core,
/// ASP.NET Core's request duration) bridged into a prometheus-net registry of its own, which
/// prometheus-net serves. Core stays on System.Diagnostics.Metrics and knows nothing of the exporter.
/// </summary>
public static class PrometheusMetrics
{
    // AiFeed's instruments and ASP.NET Core's http.server.request.duration (the API request duration).
    private static readonly HashSet<string> ExportedMeters = [IngestionMetrics.MeterName, "Microsoft.AspNetCore.Hosting"];

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddSingleton(_ => Metrics.NewCustomRegistry());
        services.AddHostedService<MeterExport>();
        return services;
    }

    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder routes)
    {
        var registry = routes.ServiceProvider.GetRequiredService<CollectorRegistry>();
        return routes.MapMetrics("/metrics", registry).WithTags("Observability");
    }

    internal static bool IsExported(Instrument instrument, IMeterFactory hostMeters) =>
        ReferenceEquals(instrument.Meter.Scope, hostMeters) && ExportedMeters.Contains(instrument.Meter.Name);

    /// <summary>Listens to this host's meters (not other hosts' in the same process) while the host runs.</summary>
    /// <remarks>Takes IngestionMetrics so its gauges exist from the start, before the first poll.</remarks>
    private sealed class MeterExport(CollectorRegistry registry, IMeterFactory meters, IngestionMetrics ingestion) : IHostedService, IDisposable
    {
        private MeterBridge? bridge;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            bridge = new MeterBridge(registry, instrument => IsExported(instrument, meters) || ReferenceEquals(instrument.Meter, ingestion.Meter));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            bridge?.Dispose();
            bridge = null;
        }
    }
}
