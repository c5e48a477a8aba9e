using System.Buffers.Binary;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A journal written before rounds of snapshots began with the shard's hall count and repeated earlier removals (an
/// older engine's), with no archive to name the halls (a retention of zero): its first live segment cut inside the
/// round it begins with names the lost halls from the generation's <c>ready</c> marker, which also names a hall removed
/// before the round. Such a hall was not lost; only those the cut took are.
/// </summary>
public sealed class OldRoundRemovedHallTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task OldRoundCutInsideItsLastSnapshot_NoArchive_HallRemovedBeforeTheRoundIsNotReportedLost()
    {
        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            foreach (var id in new[] { "h0", "h1", "h2" })
            {
                engine.AddHall(JournalKit.SmallHall(id));
            }

            engine.Start();
        }

        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            engine.Start(); // its generation's marker names h0, h1, h2
            Assert.True(await engine.RemoveHallAsync("h1"));
            Assert.True(engine.TryGetHall("h2", out var hall));
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
        }

        Assert.Empty(_kit.Archived());
        var segment = Assert.Single(_kit.Segments());
        Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(segment));

        // As an older engine wrote the round: without the marks it begins with (hall count, earlier removals), then cut
        // inside its last snapshot (h2's).
        var frames = Frames(File.ReadAllBytes(segment));
        var round = frames.SkipWhile(f => f.Kind == (byte)JournalRecordKind.Removed).ToList();
        Assert.True(round.Count < frames.Count, "the round begins with its marks");
        var last = round.FindLastIndex(f => f.Kind == (byte)JournalRecordKind.Snapshot);
        var kept = round.Take(last).SelectMany(f => f.Bytes).Concat(round[last].Bytes.Take(JournalFrame.HeaderSize + 20)).ToArray();
        File.WriteAllBytes(segment, kept);

        await using var again = _kit.Engine(archiveRetention: TimeSpan.Zero);
        again.Start();
        Assert.NotEmpty(again.Recovery!.Damage);
        Assert.Equal(["h0"], again.Recovery.Halls);
        Assert.Equal(["h2"], again.Recovery.LostHalls); // h1 was removed before the round, not lost
    }

    private static List<(byte Kind, byte[] Bytes)> Frames(byte[] bytes)
    {
        var frames = new List<(byte, byte[])>();
        for (var at = 0; at + JournalFrame.HeaderSize < bytes.Length;)
        {
            var size = JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            frames.Add((bytes[at + JournalFrame.HeaderSize + 1], bytes[at..(at + size)]));
            at += size;
        }

        return frames;
    }
}
