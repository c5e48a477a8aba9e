using System.Diagnostics.Metrics;

namespace QueueCore.Tests.Journal;

/// <summary>The journal's instruments: what an operator watches to see the disk keep up.</summary>
public sealed class JournalMetricsTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task DurableJournal_ReportsBytesFsyncsAndSnapshots()
    {
        long bytes = 0, snapshots = 0;
        var syncs = new List<double>();
        await using var engine = _kit.Engine(segmentBytes: 64 << 10);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == engine.Metrics.Meter && instrument.Name.StartsWith("queuecore.journal.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "queuecore.journal.bytes")
            {
                Interlocked.Add(ref bytes, value);
            }
            else if (instrument.Name == "queuecore.journal.snapshots")
            {
                Interlocked.Add(ref snapshots, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (syncs)
            {
                syncs.Add(value);
            }
        });
        listener.Start();

        var hall = engine.AddHall(JournalKit.Hall("metered"));
        engine.Start();
        Assert.True((await hall.OpenDayAsync()).IsSuccess);
        for (var i = 0; i < 2000; i++)
        {
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1 + (i % 3)]))).IsSuccess); // past 64 KiB: a roll-over
        }

        Assert.True(Interlocked.Read(ref bytes) >= 64 << 10, $"journal bytes: {bytes}");
        Assert.True(Interlocked.Read(ref snapshots) >= 1, "a snapshot at the roll-over");
        lock (syncs)
        {
            Assert.True(syncs.Count >= 100, $"one fsync per acknowledged batch: {syncs.Count}");
            Assert.All(syncs, s => Assert.InRange(s, 0, 60));
        }
    }
}
