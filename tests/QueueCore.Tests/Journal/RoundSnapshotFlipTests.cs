using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// One byte flipped inside one hall's part of the round of snapshots the live log begins with (its mark, or its
/// snapshot record): that hall is recovered, or reported lost by its id (the report and the log at Error), never
/// silently missing. Its id comes from a whole record that names it, never from the damaged bytes alone (a flip there
/// can make them read another hall's id).
/// </summary>
public sealed class RoundSnapshotFlipTests : IDisposable
{
    private static readonly string[] Ids = ["h0", "h1", "h2"];
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    public enum Flip
    {
        /// <summary>The key of the second hall's SnapshotTaken mark: its snapshot record that follows is whole.</summary>
        MarkKey,

        /// <summary>The last character of the second hall's id in its snapshot record ("h1" reads "h2", a live hall's id).</summary>
        SnapshotId,

        /// <summary>The key of the second hall's snapshot record (1 reads 2, a live hall's key).</summary>
        SnapshotKey,
    }

    public enum Layout
    {
        /// <summary>Halls added at run time, default retention: the archive names them.</summary>
        WithArchive,

        /// <summary>Halls added at run time, a retention of zero: no archive, and the ready marker names none of them.</summary>
        NoArchive,
    }

    [Theory]
    [InlineData(Flip.MarkKey, Layout.WithArchive)]
    [InlineData(Flip.MarkKey, Layout.NoArchive)]
    [InlineData(Flip.SnapshotId, Layout.WithArchive)]
    [InlineData(Flip.SnapshotId, Layout.NoArchive)]
    [InlineData(Flip.SnapshotKey, Layout.WithArchive)]
    public async Task FlippedByteInOneHallsPartOfTheRound_HallRecoveredOrReportedLostByItsId(Flip flip, Layout layout)
    {
        var retention = layout == Layout.NoArchive ? TimeSpan.Zero : (TimeSpan?)null;
        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: retention))
        {
            var halls = Ids.Select(id => engine.AddHall(JournalKit.SmallHall(id))).ToArray();
            engine.Start();
            foreach (var hall in halls)
            {
                Assert.True((await hall.OpenDayAsync()).IsSuccess);
                Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
            }
        }

        Assert.Equal(layout == Layout.WithArchive, _kit.Archived().Length != 0);
        var segment = Assert.Single(_kit.Segments());
        Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(segment)); // the live log begins with the stop's round
        var bytes = File.ReadAllBytes(segment);
        var frames = Frames(bytes);
        var kind = flip == Flip.MarkKey ? JournalRecordKind.SnapshotTaken : JournalRecordKind.Snapshot;
        var payload = frames.Where(f => bytes[f + JournalFrame.HeaderSize + 1] == (byte)kind).ElementAt(1) + JournalFrame.HeaderSize;
        Assert.Equal(1, bytes[payload + 2]); // the second hall's key
        switch (flip)
        {
            case Flip.MarkKey or Flip.SnapshotKey:
                bytes[payload + 2] ^= 0x03; // key 1 reads 2
                break;
            case Flip.SnapshotId:
                Assert.Equal("h1"u8.ToArray(), bytes[(payload + 4)..(payload + 6)]);
                bytes[payload + 5] ^= 0x03; // "h1" reads "h2"
                break;
        }

        File.WriteAllBytes(segment, bytes);

        var logs = new TestLoggerProvider();
        await using var again = _kit.Engine(archiveRetention: retention, logs: logs.Factory());
        again.Start();
        var report = again.Recovery!;
        Assert.NotEmpty(report.Damage);
        var problems = new List<string>();
        foreach (var id in Ids.Where(id => !again.TryGetHall(id, out _)))
        {
            if (!report.LostHalls.Contains(id))
            {
                // Only the damaged record named h1 here, and it reads "h2": nothing whole names it, so it is lost by its key.
                var byKey = flip == Flip.SnapshotId && layout == Layout.NoArchive && id == "h1" && logs.Entries.Any(e =>
                    e.Level == LogLevel.Error && e.Message.Contains("(unnamed: key 1 ", StringComparison.Ordinal) && e.Message.Contains("was lost", StringComparison.Ordinal));
                if (byKey)
                {
                    continue;
                }


                problems.Add($"{id} is gone and not reported lost (lost: [{string.Join(", ", report.LostHalls)}], damage: [{string.Join("; ", report.Damage)}])");
            }
            else if (!logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains($"Hall {id} was lost", StringComparison.Ordinal)))
            {
                problems.Add($"{id} is reported lost but not logged at Error");
            }
        }

        foreach (var id in report.LostHalls.Where(id => again.TryGetHall(id, out _)))
        {
            problems.Add($"{id} is reported lost and recovered");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static List<int> Frames(byte[] bytes)
    {
        var frames = new List<int>();
        for (var at = 0; at + JournalFrame.HeaderSize < bytes.Length;)
        {
            frames.Add(at);
            at += JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        }

        return frames;
    }
}
