using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// <c>load-metrics</c>: what does an application that exports the engine's metrics pay for them? The same traffic as
/// <c>load-defaults</c> (one shard, a standing queue per hall, the steady stream of
/// <see cref="Producers.SteadyThroughput"/>) without a listener and with OpenTelemetry's SDK collecting the
/// <c>QueueCore</c> meter (a reader that collects every second, as a Prometheus scrape or an OTLP export would),
/// alternated over three rounds; prints each throughput and the median ratio.
/// </summary>
internal static class MetricsComparison
{
    public static async Task RunAsync(int halls, int producers, int seconds)
    {
        Console.WriteLine($"QueueCore metrics: {halls} halls on 1 shard, {producers} producer(s), {seconds} s each, {Environment.ProcessorCount} cores");
        var duration = TimeSpan.FromSeconds(seconds);
        await AlternatedRounds.RunAsync(
            () => MeasureAsync(halls, producers, duration, exported: false),
            () => MeasureAsync(halls, producers, duration, exported: true),
            "exported / no listener");
    }

    private static async Task<double> MeasureAsync(int halls, int producers, TimeSpan duration, bool exported)
    {
        using var provider = exported
            ? Sdk.CreateMeterProviderBuilder()
                .AddMeter(QueueCoreDiagnostics.MeterName)
                .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter(), exportIntervalMilliseconds: 1000))
                .Build()
            : null;
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        var handles = await EngineTraffic.PrepareAsync(engine, halls);
        await Producers.FillAsync(handles, HallCountComparison.Standing);
        Producers.SteadyThroughput(handles, producers, Producers.Warmup(duration));
        var rate = Producers.SteadyThroughput(handles, producers, duration);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(exported ? "OpenTelemetry collecting" : "no listener"),-24}: {rate / 1e6:F2} M commands/s"));
        return rate;
    }

    /// <summary>Collects like any exporter, then drops the batch: the cost measured is the SDK's, not a network's.</summary>
    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    _ = point.GetSumLong();
                }
            }

            return ExportResult.Success;
        }
    }
}
