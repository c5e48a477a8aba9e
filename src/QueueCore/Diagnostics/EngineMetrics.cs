using System.Diagnostics.Metrics;

namespace QueueCore;

/// <summary>
/// One engine's instruments. The per-command counters (commands, errors, events) are observable: shards keep their
/// totals in a <see cref="CommandTally"/> and a listener reads them when it collects, so no listener code runs on a
/// shard per command. The rare ones (lagged, faults, journal) are recorded as they happen; recording allocates
/// nothing: tag values are cached strings and boxed integers, and a counter with up to three tags passes them on the
/// stack.
/// </summary>
/// <remarks>
/// A <see cref="MeterListener"/> callback runs inside <c>Add</c>, on the recording thread (often a shard): every
/// recording here is guarded, so a listener that throws loses its measurement and nothing else. Observable
/// instruments call back on the collecting thread.
/// </remarks>
internal sealed class EngineMetrics : IDisposable
{
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

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Shard[] _shards;
    private readonly Counter<long> _lagged;
    private readonly Counter<long> _faults;
    private readonly Counter<long> _journalBytes;
    private readonly Histogram<double> _journalSyncs;
    private readonly Counter<long> _snapshots;
    private readonly object[] _shardTags;

    /// <summary>Creates the instruments; the gauges read <paramref name="shards"/> when observed.</summary>
    public EngineMetrics(IMeterFactory? meterFactory, Shard[] shards)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(QueueCoreDiagnostics.MeterName)) ?? new Meter(QueueCoreDiagnostics.MeterName);
        _shards = shards;
        _meter.CreateObservableCounter("queuecore.commands", ObserveCommands, "{command}", "Commands applied to halls (ticks included).");
        _meter.CreateObservableCounter("queuecore.command.errors", ObserveErrors, "{command}", "Commands that failed or were refused.");
        _meter.CreateObservableCounter("queuecore.events", () => Tallies().Sum(t => t.Events), "{event}", "Events emitted by halls.");
        _lagged = _meter.CreateCounter<long>("queuecore.subscriber.lagged", "{occurrence}", "Times a subscriber fell behind and lost events.");
        _faults = _meter.CreateCounter<long>("queuecore.hall.faults", "{fault}", "Times a hall threw while applying a command and was isolated.");
        _journalBytes = _meter.CreateCounter<long>("queuecore.journal.bytes", "By", "Bytes the journal wrote to its segment files.");
        _journalSyncs = _meter.CreateHistogram<double>(
            "queuecore.journal.sync.duration",
            "s",
            "How long each fsync of the journal took; its count is the number of fsyncs.",
            tags: null,
            advice: SyncDurationAdvice);
        _snapshots = _meter.CreateCounter<long>("queuecore.journal.snapshots", "{snapshot}", "Hall snapshots the journal wrote when it started a new segment.");
        _shardTags = [.. Enumerable.Range(0, shards.Length).Select(i => (object)i)]; // boxed once
        // Counts that add up (over shards, halls, engines) are up-down counters, as OpenTelemetry's guidelines have
        // it for queue sizes and active counts (a gauge is for values that do not add, such as a temperature), and
        // all are longs like the other instruments, so one MeterListener callback type reads every instrument.
        _meter.CreateObservableUpDownCounter(
            "queuecore.ingress.depth",
            () => shards.Where(s => s is not null).Select(s => new Measurement<long>(s.Depth, ShardTag(s.Id))),
            "{command}",
            "Commands waiting in a shard's ingress ring.");
        _meter.CreateObservableUpDownCounter(
            "queuecore.halls.faulted",
            () => (long)shards.Where(s => s is not null).Sum(s => s.Halls.Count(h => h.IsFaulted)),
            "{hall}",
            "Halls isolated after a fault, waiting to be restored.");
        _meter.CreateObservableUpDownCounter(
            "queuecore.subscribers.lagging",
            () => (long)shards.Where(s => s is not null).Sum(s => s.Halls.Sum(h => h.Subscribers.Count(x => x.Lagged))),
            "{subscriber}",
            "Subscriptions that lost events and have not resynchronised yet.");
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter => _meter;

    /// <summary>A subscriber of <paramref name="hallId"/> started dropping events.</summary>
    public void SubscriberLagged(string hallId)
    {
        try
        {
            _lagged.Add(1, new KeyValuePair<string, object?>("queuecore.hall", hallId));
        }
        catch (Exception) // a listener's bug must not reach the shard
        {
            // the measurement is lost, nothing else
        }
    }

    /// <summary>Hall <paramref name="hallId"/> threw and was isolated.</summary>
    public void HallFaulted(string hallId)
    {
        try
        {
            _faults.Add(1, new KeyValuePair<string, object?>("queuecore.hall", hallId));
        }
        catch (Exception) // a listener's bug must not reach the shard
        {
            // the measurement is lost, nothing else
        }
    }

    /// <summary>Shard <paramref name="shard"/>'s journal wrote <paramref name="bytes"/> bytes (its flusher thread).</summary>
    public void JournalWritten(int shard, long bytes)
    {
        try
        {
            _journalBytes.Add(bytes, ShardTag(shard));
        }
        catch (Exception) // a listener's bug must not reach the flusher
        {
            // the measurement is lost, nothing else
        }
    }

    /// <summary>Shard <paramref name="shard"/>'s journal fsynced, in <paramref name="seconds"/> (its flusher thread).</summary>
    public void JournalSynced(int shard, double seconds)
    {
        try
        {
            _journalSyncs.Record(seconds, ShardTag(shard));
        }
        catch (Exception) // a listener's bug must not reach the flusher
        {
            // the measurement is lost, nothing else
        }
    }

    /// <summary>Shard <paramref name="shard"/>'s journal wrote a hall's snapshot.</summary>
    public void SnapshotWritten(int shard)
    {
        try
        {
            _snapshots.Add(1, ShardTag(shard));
        }
        catch (Exception) // a listener's bug must not reach the shard
        {
            // the measurement is lost, nothing else
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose(); // a factory's meter belongs to the factory
        }
    }

    private IEnumerable<CommandTally> Tallies() => _shards.Where(s => s is not null).Select(s => s.Tally);

    private IEnumerable<Measurement<long>> ObserveCommands()
    {
        var tallies = Tallies().ToArray();
        for (var kind = 0; kind < CommandTally.Kinds; kind++)
        {
            var count = tallies.Sum(t => t.AppliedOf(kind));
            if (count > 0)
            {
                yield return new Measurement<long>(count, new KeyValuePair<string, object?>("queuecore.command.kind", Name(KindNames, kind)));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveErrors()
    {
        var tallies = Tallies().ToArray();
        for (var kind = 0; kind < CommandTally.Kinds; kind++)
        {
            for (var error = 1; error < CommandTally.Errors; error++) // from 1: None is not an error
            {
                var count = tallies.Sum(t => t.ErrorsOf(kind, error));
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

    // Enum names are declared in value order from 0 with no holes; anything else (the tally's last cell) is "unknown".
    private static string Name(string[] names, int value) => (uint)value < (uint)names.Length ? names[value] : "unknown";

    private KeyValuePair<string, object?> ShardTag(int shard) =>
        new("queuecore.shard", (uint)shard < (uint)_shardTags.Length ? _shardTags[shard] : shard);
}
