using System.Diagnostics.Metrics;
using AiFeed.Ingestion;
using Prometheus;

namespace AiFeed.Observability;

/// <summary>
/// /metrics in Prometheus text format: prometheus-net's MeterAdapter exports this host's own
/// meters (AiFeed's instruments from Core, ASP.NET Core's request duration) into a registry of
/// its own. Core stays on System.Diagnostics.Metrics and knows nothing of the exporter.
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
    private sealed class MeterExport(CollectorRegistry registry, IMeterFactory meters) : IHostedService, IDisposable
    {
        private IDisposable? listening;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            listening = MeterAdapter.StartListening(new MeterAdapterOptions
            {
                Registry = registry,
                InstrumentFilterPredicate = instrument => IsExported(instrument, meters),

                // The longest prometheus-net allows: a series that vanishes after a quiet spell
                // and comes back from zero reads as a counter reset, which rate() handles.
                MetricsExpireAfter = TimeSpan.FromDays(1),
                ResolveHistogramBuckets = instrument => instrument.Name == "aifeed.poll.duration"
                    ? [.. IngestionMetrics.PollDurationBuckets]
                    : [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            listening?.Dispose();
            listening = null;
        }
    }
}
