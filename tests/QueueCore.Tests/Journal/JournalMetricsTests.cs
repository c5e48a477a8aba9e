using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace QueueCore.Tests.Journal;

/// <summary>The journal's instruments: what an operator watches to see the disk keep up.</summary>
public sealed class JournalMetricsTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task DurableJournal_ReportsBytesFsyncsAndSnapshots()
    {
        await using var engine = _kit.Engine(segmentBytes: 64 << 10);
        using var bytes = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.journal.bytes");
        using var snapshots = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.journal.snapshots");
        using var syncs = new MetricCollector<double>(engine.Metrics.Meter, "queuecore.journal.sync.duration");

        var hall = engine.AddHall(JournalKit.Hall("metered"));
        engine.Start();
        Assert.True((await hall.OpenDayAsync()).IsSuccess);
        for (var i = 0; i < 2000; i++)
        {
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1 + (i % 3)]))).IsSuccess); // past 64 KiB: a roll-over
        }

        var written = bytes.GetMeasurementSnapshot().Sum(m => m.Value);
        Assert.True(written >= 64 << 10, $"journal bytes: {written}");
        // The roll-over's snapshot is written after the commands that passed the segment's size, off their path: wait for it.
        await snapshots.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        Assert.True(snapshots.GetMeasurementSnapshot().Sum(m => m.Value) >= 1, "a snapshot at the roll-over");
        var fsyncs = syncs.GetMeasurementSnapshot();
        Assert.True(fsyncs.Count >= 100, $"one fsync per acknowledged batch: {fsyncs.Count}");
        Assert.All(fsyncs, s => Assert.InRange(s.Value, 0, 60));
    }
}
