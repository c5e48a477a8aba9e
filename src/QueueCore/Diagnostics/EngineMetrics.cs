using System.Diagnostics.Metrics;

namespace QueueCore;

/// <summary>
/// One engine's part in its meter's instruments (<see cref="MeterInstruments"/>, shared by every engine of the meter).
/// The per-command counters (commands, errors, events) are observable: shards keep their
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
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Shard[] _shards;
    private readonly MeterInstruments _instruments;
    private readonly Counter<long> _lagged;
    private readonly Counter<long> _faults;
    private readonly Counter<long> _journalBytes;
    private readonly Histogram<double> _journalSyncs;
    private readonly Counter<long> _snapshots;
    private readonly object[] _shardTags;

    /// <summary>
    /// Registers the engine with the meter's instruments (created with the first engine that uses the meter: a
    /// factory gives every engine the same one); the observable ones read <paramref name="shards"/> when collected.
    /// </summary>
    public EngineMetrics(IMeterFactory? meterFactory, Shard[] shards)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(QueueCoreDiagnostics.MeterName)) ?? new Meter(QueueCoreDiagnostics.MeterName);
        _shards = shards;
        _instruments = MeterInstruments.For(_meter);
        _lagged = _instruments.Lagged;
        _faults = _instruments.Faults;
        _journalBytes = _instruments.JournalBytes;
        _journalSyncs = _instruments.JournalSyncs;
        _snapshots = _instruments.Snapshots;
        _shardTags = [.. Enumerable.Range(0, shards.Length).Select(i => (object)i)]; // boxed once
        _instruments.Add(shards);
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
        _instruments.Remove(_shards); // its totals stay counted; its queues and halls are no longer read
        if (_ownsMeter)
        {
            _meter.Dispose(); // a factory's meter belongs to the factory
        }
    }

    private KeyValuePair<string, object?> ShardTag(int shard) =>
        new("queuecore.shard", (uint)shard < (uint)_shardTags.Length ? _shardTags[shard] : shard);
}
