using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// The QueueCore instruments of one <see cref="Meter"/>, created once however many engines report through it. An
/// <see cref="IMeterFactory"/> (as DI has) hands every engine that asks for the "QueueCore" meter the same
/// <see cref="Meter"/>: each engine creating its own observable instruments there published each one twice, and an
/// exporter doubled or overwrote the figures. Here each observable instrument reads every engine registered with the
/// meter, and the counted instruments are shared.
/// </summary>
/// <remarks>
/// Engines register when created and leave when stopped; what a stopped engine counted stays in the totals of the
/// observable counters (a counter that went down would read as a reset), and its queues, halls and subscribers are no
/// longer read. Registering and leaving are rare and take a lock; the observable callbacks read a copy-on-write array
/// and run on the collecting thread, never on a shard.
/// </remarks>
internal sealed class MeterInstruments
{
    private static readonly ConditionalWeakTable<Meter, MeterInstruments> ByMeter = [];
    private static readonly string[] KindNames = Enum.GetNames<CommandKind>();
    private static readonly string[] ErrorNames = Enum.GetNames<QueueError>();

    /// <summary>
    /// Bucket boundaries, in seconds, from a tenth of a millisecond (an fsync on a fast SSD) to ten seconds (a stalled
    /// disk). Without advice an OpenTelemetry exporter uses its defaults (0, 5, 10, 25, ... 10,000), meant for
    /// milliseconds, and every fsync lands in the first bucket.
    /// </summary>
    private static readonly InstrumentAdvice<double> SyncDurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Lock _gate = new();
    private readonly long[] _retiredApplied = new long[CommandTally.Kinds]; // under _gate: engines that left
    private readonly long[] _retiredErrors = new long[CommandTally.Kinds * CommandTally.Errors];
    private long _retiredEvents;
    private Shard[][] _engines = []; // copy-on-write under _gate; each engine's shards (a slot may still be null)

    private MeterInstruments(Meter meter)
    {
        meter.CreateObservableCounter("queuecore.commands", ObserveCommands, "{command}", "Commands applied to halls (ticks included).");
        meter.CreateObservableCounter("queuecore.command.errors", ObserveErrors, "{command}", "Commands that failed or were refused.");
        meter.CreateObservableCounter("queuecore.events", ObserveEvents, "{event}", "Events emitted by halls.");
        Lagged = meter.CreateCounter<long>("queuecore.subscriber.lagged", "{occurrence}", "Times a subscriber fell behind and lost events.");
        Faults = meter.CreateCounter<long>("queuecore.hall.faults", "{fault}", "Times a hall threw while applying a command and was isolated.");
        JournalBytes = meter.CreateCounter<long>("queuecore.journal.bytes", "By", "Bytes the journal wrote to its segment files.");
        JournalSyncs = meter.CreateHistogram<double>(
            "queuecore.journal.sync.duration",
            "s",
            "How long each fsync of the journal took; its count is the number of fsyncs.",
            tags: null,
            advice: SyncDurationAdvice);
        Snapshots = meter.CreateCounter<long>("queuecore.journal.snapshots", "{snapshot}", "Hall snapshots the journal wrote when it started a new segment.");

        // Counts that add up (over shards, halls, engines) are up-down counters, as OpenTelemetry's guidelines have
        // it for queue sizes and active counts (a gauge is for values that do not add, such as a temperature), and
        // all are longs like the other instruments, so one MeterListener callback type reads every instrument.
        meter.CreateObservableUpDownCounter("queuecore.ingress.depth", ObserveDepth, "{command}", "Commands waiting in a shard's ingress ring.");
        meter.CreateObservableUpDownCounter(
            "queuecore.halls.faulted",
            () => (long)Shards().Sum(s => s.Halls.Count(h => h.IsFaulted)),
            "{hall}",
            "Halls isolated after a fault, waiting to be restored.");
        meter.CreateObservableUpDownCounter(
            "queuecore.subscribers.lagging",
            () => (long)Shards().Sum(s => s.Halls.Sum(h => h.Subscribers.Count(x => x.Lagged))),
            "{subscriber}",
            "Subscriptions that lost events and have not resynchronised yet.");
        meter.CreateObservableUpDownCounter("queuecore.tickets.waiting", ObserveWaiting, "{ticket}", "Tickets waiting in each hall now (in its item and window queues).");
    }

    public Counter<long> Lagged { get; }

    public Counter<long> Faults { get; }

    public Counter<long> JournalBytes { get; }

    public Histogram<double> JournalSyncs { get; }

    public Counter<long> Snapshots { get; }

    /// <summary>The instruments of <paramref name="meter"/>, created on first use.</summary>
    public static MeterInstruments For(Meter meter) => ByMeter.GetValue(meter, static m => new MeterInstruments(m));

    /// <summary>An engine reports through this meter from now on.</summary>
    public void Add(Shard[] shards)
    {
        lock (_gate)
        {
            _engines = [.. _engines, shards];
        }
    }

    /// <summary>The engine stopped: its totals are kept, its shards no longer read. Idempotent.</summary>
    public void Remove(Shard[] shards)
    {
        lock (_gate)
        {
            if (!_engines.Contains(shards))
            {
                return;
            }

            foreach (var tally in shards.Where(s => s is not null).Select(s => s.Tally))
            {
                for (var kind = 0; kind < CommandTally.Kinds; kind++)
                {
                    _retiredApplied[kind] += tally.AppliedOf(kind);
                    for (var error = 0; error < CommandTally.Errors; error++)
                    {
                        _retiredErrors[(kind * CommandTally.Errors) + error] += tally.ErrorsOf(kind, error);
                    }
                }

                _retiredEvents += tally.Events;
            }

            _engines = [.. _engines.Where(e => e != shards)];
        }
    }

    private IEnumerable<Shard> Shards() => Volatile.Read(ref _engines).SelectMany(e => e).Where(s => s is not null); // acquire: a fully built array

    private IEnumerable<Measurement<long>> ObserveCommands()
    {
        long[] counts;
        lock (_gate) // with the retired totals, so an engine leaving mid-collection is counted once
        {
            counts = [.. _retiredApplied];
            foreach (var tally in Shards().Select(s => s.Tally))
            {
                for (var kind = 0; kind < CommandTally.Kinds; kind++)
                {
                    counts[kind] += tally.AppliedOf(kind);
                }
            }
        }

        for (var kind = 0; kind < CommandTally.Kinds; kind++)
        {
            if (counts[kind] > 0)
            {
                yield return new Measurement<long>(counts[kind], new KeyValuePair<string, object?>("queuecore.command.kind", Name(KindNames, kind)));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveErrors()
    {
        long[] counts;
        lock (_gate)
        {
            counts = [.. _retiredErrors];
            foreach (var tally in Shards().Select(s => s.Tally))
            {
                for (var cell = 0; cell < counts.Length; cell++)
                {
                    counts[cell] += tally.ErrorsOf(cell / CommandTally.Errors, cell % CommandTally.Errors);
                }
            }
        }

        for (var kind = 0; kind < CommandTally.Kinds; kind++)
        {
            for (var error = 1; error < CommandTally.Errors; error++) // from 1: None is not an error
            {
                var count = counts[(kind * CommandTally.Errors) + error];
                if (count > 0)
                {
                    yield return new Measurement<long>(
                        count,
                        new KeyValuePair<string, object?>("queuecore.command.kind", Name(KindNames, kind)),
                        new KeyValuePair<string, object?>("queuecore.error", Name(ErrorNames, error)));
                }
            }
        }
    }

    private long ObserveEvents()
    {
        lock (_gate)
        {
            return _retiredEvents + Shards().Sum(s => s.Tally.Events);
        }
    }

    /// <summary>One figure per shard number: engines' shards of the same number add up, as the instrument's kind says.</summary>
    private IEnumerable<Measurement<long>> ObserveDepth() =>
        Shards()
            .GroupBy(s => s.Id)
            .OrderBy(g => g.Key)
            .Select(g => new Measurement<long>(g.Sum(s => s.Depth), new KeyValuePair<string, object?>("queuecore.shard", g.Key)))
            .ToArray();

    /// <summary>
    /// One figure per hall id, halls of the same id in engines of the meter added up. Read off the shard's thread: each
    /// count is an int the shard writes whole, so a figure is at worst a command old, and reading it costs the shard
    /// nothing (a counter added to per ticket would run every listener on the shard).
    /// </summary>
    private IEnumerable<Measurement<long>> ObserveWaiting() =>
        Shards()
            .SelectMany(s => s.Halls)
            .Where(h => !h.IsRemoved)
            .Select(h => (h.Id, Hall: h.HallOrNull))
            .Where(h => h.Hall is not null)
            .GroupBy(h => h.Id, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(h => (long)h.Hall!.TotalWaiting), new KeyValuePair<string, object?>("queuecore.hall", g.Key)))
            .ToArray();

    // Enum names are declared in value order from 0 with no holes; anything else (the tally's last cell) is "unknown".
    private static string Name(string[] names, int value) => (uint)value < (uint)names.Length ? names[value] : "unknown";
}
