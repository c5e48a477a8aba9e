using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>What an exporter collecting the engine's meter reads: commands, errors and events, by kind and error.</summary>
public sealed class EngineMetricsTests
{
    [Fact]
    public async Task Collect_AfterCommandsRefusalsAndErrors_CountsEachByKindAndError()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 4));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1); // OpenDay, OpenWindow

        Assert.Equal(QueueError.NothingWaiting, (await hall.CallNextAsync(1).Bounded()).Error); // applied, with an error
        CommandResult refused;
        var queued = new List<Task<CommandResult>>();
        using (var gate = ShardGate.Park(hall))
        {
            queued.AddRange(Enumerable.Range(0, 4).Select(_ => hall.IssueTicketAsync(1).AsTask())); // fills the ring of 4
            refused = await hall.IssueTicketAsync(1).Bounded(); // refused before the shard: never applied
            gate.Release();
            Assert.All(await Task.WhenAll(queued).WaitAsync(EngineTestKit.Timeout), r => Assert.True(r.IsSuccess));
        }

        var collected = Collect(engine);

        Assert.Equal(QueueError.Overloaded, refused.Error);
        Assert.Equal(1, collected.Get("queuecore.commands", "OpenDay"));
        Assert.Equal(1, collected.Get("queuecore.commands", "OpenWindow"));
        Assert.Equal(1, collected.Get("queuecore.commands", "CallNext"));
        Assert.Equal(4, collected.Get("queuecore.commands", "IssueTicket")); // the refused one was not applied
        Assert.Equal(1, collected.Get("queuecore.command.errors", "CallNext", "NothingWaiting"));
        Assert.Equal(1, collected.Get("queuecore.command.errors", "IssueTicket", "Overloaded"));
        Assert.Equal(2, collected.Errors); // nothing else counted as an error
        Assert.True(collected.Get("queuecore.events") >= 6, "day opened, window opened, four tickets issued");
    }

    [Fact]
    public async Task Collect_Twice_ReportsRunningTotals()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        var first = Collect(engine).Get("queuecore.commands", "IssueTicket");

        await hall.IssueTicketAsync(1).Bounded();
        await hall.IssueTicketAsync(1).Bounded();

        Assert.Equal(1, first);
        Assert.Equal(3, Collect(engine).Get("queuecore.commands", "IssueTicket")); // a counter's total, not the change
    }

    [Fact]
    public async Task Collect_CountsNow_AreUpDownCountersOfLongReadLikeTheOthers()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 2));
        await using var lifetime = engine;
        var kinds = new Dictionary<string, Type>();
        using (var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, engine.Metrics.Meter))
                {
                    kinds[instrument.Name] = instrument.GetType();
                }
            },
        })
        {
            listener.Start();
        }

        // Queue depth, faulted halls and lagging subscribers add up across shards (and engines): OpenTelemetry's
        // guidelines make such counts up-down counters, not gauges. And an exporter or test reading longs, as every
        // other instrument here measures, saw nothing of the two that measured ints.
        foreach (var name in (string[])["queuecore.ingress.depth", "queuecore.halls.faulted", "queuecore.subscribers.lagging"])
        {
            Assert.Equal(typeof(ObservableUpDownCounter<long>), kinds[name]);
        }

        using var sub = hall.Subscribe(bufferSize: 4);
        await EngineTestKit.OpenAsync(hall, 1);
        for (var i = 0; i < 10; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        using var lagging = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.subscribers.lagging");
        using var depth = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.ingress.depth");
        lagging.RecordObservableInstruments();
        depth.RecordObservableInstruments();
        Assert.Equal(1, Assert.Single(lagging.GetMeasurementSnapshot()).Value);
        Assert.Equal(2, depth.GetMeasurementSnapshot().Count); // one per shard, tagged with it
    }

    [Fact]
    public async Task JournalSyncDuration_AdvisesBucketsInSeconds_SoAnExporterSeesTheSpreadOfFsyncs()
    {
        var (engine, _) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        Histogram<double>? syncs = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, engine.Metrics.Meter) && instrument.Name == "queuecore.journal.sync.duration")
                {
                    syncs = (Histogram<double>)instrument;
                }
            },
        };
        listener.Start();

        Assert.NotNull(syncs);
        Assert.Equal("s", syncs.Unit);

        // Without advice an OpenTelemetry exporter uses its default boundaries (0, 5, 10, 25, ... 10000), meant for
        // milliseconds: every fsync (well under 5 s) lands in the first bucket and its percentiles say nothing.
        var bounds = syncs.Advice?.HistogramBucketBoundaries;
        Assert.NotNull(bounds);
        Assert.Equal(bounds.Order(), bounds);
        Assert.True(bounds[0] <= 0.001, $"first bound {bounds[0]} s: a fast fsync (under a millisecond) has a bucket of its own");
        Assert.Contains(bounds, b => b is > 0.001 and < 0.1); // the usual few milliseconds are told apart
        Assert.True(bounds[^1] >= 1, $"last bound {bounds[^1]} s: a stalled disk (seconds) is told apart too");
    }

    /// <summary>Collects the engine's three observable counters once, as an exporter would.</summary>
    private static Collected Collect(QueueEngine engine)
    {
        var collected = new Collected();
        foreach (var name in (string[])["queuecore.commands", "queuecore.command.errors", "queuecore.events"])
        {
            using var collector = new MetricCollector<long>(engine.Metrics.Meter, name);
            collector.RecordObservableInstruments();
            foreach (var m in collector.GetMeasurementSnapshot())
            {
                collected.Add(name, Tag(m, "queuecore.command.kind"), Tag(m, "queuecore.error"), m.Value);
            }
        }

        return collected;
    }

    private static string? Tag(CollectedMeasurement<long> measurement, string key) =>
        measurement.Tags.TryGetValue(key, out var value) ? (string?)value : null;

    private sealed class Collected
    {
        private readonly Dictionary<(string, string?, string?), long> _values = [];

        public long Errors => _values.Where(v => v.Key.Item1 == "queuecore.command.errors").Sum(v => v.Value);

        public void Add(string name, string? kind, string? error, long value) =>
            _values[(name, kind, error)] = _values.GetValueOrDefault((name, kind, error)) + value;

        public long Get(string name, string? kind = null, string? error = null) => _values.GetValueOrDefault((name, kind, error));
    }
}
