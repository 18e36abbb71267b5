using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace AiFeed.Observability;

/// <summary>
/// Publishes System.Diagnostics.Metrics instruments into a prometheus-net registry with the
/// names Prometheus expects: counters as counters with _total, units as suffixes (_seconds,
/// _bytes), histograms with their advised buckets. (prometheus-net's own MeterAdapter exports
/// counters as gauges under "meter_instrument" names and drops idle series after a day.)
/// </summary>
internal sealed class MeterBridge : IDisposable
{
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener listener = new();
    private readonly MetricFactory factory;
    private readonly ConcurrentDictionary<(Instrument, string), Collector> collectors = new();
    private readonly ConcurrentDictionary<Gauge, ConcurrentDictionary<string, string[]>> observedThisRound = new();
    private readonly ConcurrentDictionary<Gauge, ConcurrentDictionary<string, string[]>> observedLastRound = new();
    private volatile bool disposed;

    public MeterBridge(CollectorRegistry registry, Func<Instrument, bool> include)
    {
        factory = Metrics.WithCustomRegistry(registry);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (include(instrument))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((i, m, tags, _) => Record(i, m, tags));
        listener.SetMeasurementEventCallback<long>((i, m, tags, _) => Record(i, m, tags));
        listener.SetMeasurementEventCallback<double>((i, m, tags, _) => Record(i, m, tags));
        listener.Start();
        registry.AddBeforeCollectCallback(CollectObservables);
    }

    public void Dispose()
    {
        disposed = true;
        listener.Dispose();
    }

    internal static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
        {
            name += unit;
        }

        return instrument is Counter<long> or Counter<int> or Counter<double> ? name + "_total" : name;
    }

    // Observable gauges are read at scrape time; a label set not reported this time (a source
    // removed from the catalog) is dropped rather than left at its last value.
    private void CollectObservables()
    {
        if (disposed)
        {
            return;
        }

        observedThisRound.Clear();
        listener.RecordObservableInstruments();
        foreach (var (gauge, previous) in observedLastRound)
        {
            var current = observedThisRound.GetValueOrDefault(gauge);
            foreach (var (key, values) in previous)
            {
                if (current is null || !current.ContainsKey(key))
                {
                    gauge.RemoveLabelled(values);
                }
            }
        }

        observedLastRound.Clear();
        foreach (var (gauge, seen) in observedThisRound)
        {
            observedLastRound[gauge] = seen;
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        var names = sorted.Select(t => t.Key.Replace('.', '_').Replace('-', '_')).ToArray();
        var values = sorted.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
        var collector = collectors.GetOrAdd((instrument, string.Join(',', names)), _ => Create(instrument, names));
        switch (collector)
        {
            case Counter counter:
                counter.WithLabels(values).Inc(value);
                break;
            case Histogram histogram:
                histogram.WithLabels(values).Observe(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(values).Set(value);
                observedThisRound.GetOrAdd(gauge, _ => new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal))[string.Join('\u001f', values)] = values;
                break;
        }
    }

    private Collector Create(Instrument instrument, string[] labelNames)
    {
        var name = PrometheusName(instrument);
        var help = instrument.Description ?? instrument.Name;
        return instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> => factory.CreateCounter(name, help, labelNames),
            Histogram<double> h => factory.CreateHistogram(name, help, labelNames, new HistogramConfiguration
            {
                Buckets = h.Advice?.HistogramBucketBoundaries is { Count: > 0 } advised ? [.. advised] : DefaultBuckets,
            }),
            _ => factory.CreateGauge(name, help, labelNames),
        };
    }
}
