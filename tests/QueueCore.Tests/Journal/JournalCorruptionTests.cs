using MessagePack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// Damage anywhere in a journal (a flipped byte, a cut file) is found by its checksum and reported with its
/// position; recovery stops right before the damaged record and replays nothing after it: the halls are exactly
/// those of the log cut there by hand.
/// </summary>
public sealed class JournalCorruptionTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task FlippedBytesAndCuts_RecoveryStopsCleanlyAtTheDamage_NeverReplaysGarbage()
    {
        await WriteJournal();
        var segment = Assert.Single(_kit.Segments());
        var original = File.ReadAllBytes(segment);
        var frames = FrameStarts(original);
        var random = new Random(12);
        for (var trial = 0; trial < 60; trial++)
        {
            var damaged = (byte[])original.Clone();
            var at = random.Next(original.Length);
            var cut = trial % 3 == 0;
            if (cut)
            {
                damaged = damaged[..at];
            }
            else
            {
                damaged[at] ^= (byte)random.Next(1, 256);
            }

            var frame = frames.Last(f => f <= at); // the record the damage falls in
            if (cut && frames.Contains(at))
            {
                continue; // a cut between two records is not damage: covered by the intact case
            }

            var (halls, report) = Recover(segment, damaged);
            var (reference, referenceReport) = Recover(segment, original[..(int)frame]);

            var found = Assert.Single(report.Damage.Concat(report.TornTails));
            Assert.Contains($"at byte {frame}:", found, StringComparison.Ordinal);
            Assert.Equal(referenceReport.Records, report.Records); // every record before the damage, none after
            Assert.Equal(States(reference), States(halls)); // as at the damage, numbering aside ...
            foreach (var hall in halls)
            {
                // ... which never goes back: a kept hall's numbers and ids go on past what the skipped commands handed out
                var before = reference.Single(h => h.Id == hall.Id).SaveState();
                var after = hall.SaveState();
                Assert.True(after.Serial >= before.Serial, $"trial {trial}: hall {hall.Id}'s ticket serial went back");
                Assert.All(after.Categories, c => Assert.True(c.Sequence >= before.Categories.Single(b => b.Id == c.Id).Sequence));
                Assert.True(after.Sequence >= before.Sequence, $"trial {trial}: hall {hall.Id}'s event sequence went back");
            }
        }
    }

    [Fact]
    public async Task DamagedJournal_EngineStartsWithTheIntactPart_ReportsTheCutAndKeepsTheDamagedGeneration()
    {
        await WriteJournal();
        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var frames = FrameStarts(bytes);
        var victim = frames[frames.Length / 2];
        bytes[victim + 10] ^= 0x5A;
        File.WriteAllBytes(segment, bytes);

        await using var engine = _kit.Engine();
        engine.Start();
        var damage = Assert.Single(engine.Recovery!.Damage);
        Assert.Contains($"at byte {victim}: a record does not match its CRC-32C", damage, StringComparison.Ordinal);
        Assert.Equal(frames.Length / 2, engine.Recovery.Records);
        Assert.Single(Directory.GetDirectories(_kit.Directory, "*.damaged"));
        Assert.Contains("damaged", engine.GetHealth().Recovery!.Damage[0], StringComparison.Ordinal);
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess); // and it goes on
    }

    [Fact]
    public async Task TornTail_IsNotDamage()
    {
        await WriteJournal();
        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        File.WriteAllBytes(segment, bytes[..^3]);

        await using var engine = _kit.Engine();
        Assert.Empty(engine.Recovery!.Damage);
        Assert.Single(engine.Recovery.TornTails);
        Assert.Empty(Directory.GetDirectories(_kit.Directory, "*.damaged"));
    }

    [Fact]
    public async Task ZeroFilledTail_IsACleanEnd_NotDamage()
    {
        // A power loss before an fsync (batched mode) or preallocated space leaves zeros after the last record. They
        // were reported as a damaged record, the generation kept as damaged and the health check degraded.
        await WriteJournal();
        var segment = Assert.Single(_kit.Segments());
        var original = File.ReadAllBytes(segment);
        File.WriteAllBytes(segment, [.. original, .. new byte[4096]]);
        var logs = new TestLoggerProvider();

        await using var engine = _kit.Engine(logs: logs.Factory());
        Assert.Empty(engine.Recovery!.Damage);
        Assert.Empty(engine.Recovery.TornTails);
        Assert.Equal(FrameStarts(original).Length, engine.Recovery.Records);
        Assert.Empty(Directory.GetDirectories(_kit.Directory, "*.damaged"));
        Assert.Null(engine.GetHealth().Recovery!.Damage.FirstOrDefault());
        Assert.DoesNotContain(logs.Entries, e => e.Level > LogLevel.Information);
        Assert.Contains(logs.Entries, e => e.Message.Contains($"4096 zero bytes from byte {original.Length}", StringComparison.Ordinal));
        engine.Start();
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
    }

    [Fact]
    public async Task ZerosFollowedByRecords_IsDamage()
    {
        // Zeros are the end only when nothing but zeros follows them.
        await WriteJournal();
        var segment = Assert.Single(_kit.Segments());
        var original = File.ReadAllBytes(segment);
        var frames = FrameStarts(original);
        var at = (int)frames[frames.Length / 2];
        File.WriteAllBytes(segment, [.. original[..at], .. new byte[64], .. original[at..]]);

        await using var engine = _kit.Engine();
        var damage = Assert.Single(engine.Recovery!.Damage);
        Assert.Contains($"at byte {at}: a record's length field is not plausible", damage, StringComparison.Ordinal);
        Assert.Equal(frames.Length / 2, engine.Recovery.Records);
    }

    [Fact]
    public async Task SegmentDeletedFromTheMiddle_ReportedWithBothPositions_NothingAfterTheGapReplayed()
    {
        // The log as three segments (split at record boundaries, named by their start as the writer names them); an
        // operator deletes the middle one.
        await WriteJournal();
        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var frames = FrameStarts(bytes);
        var (first, second) = ((int)frames[frames.Length / 3], (int)frames[2 * frames.Length / 3]);
        var shard = Path.GetDirectoryName(segment)!;
        File.WriteAllBytes(segment, bytes[..first]);
        File.WriteAllBytes(Path.Combine(shard, JournalWriter.SegmentName(second)), bytes[second..]);
        var (reference, _) = Recover(segment, bytes[..first]);

        await using var engine = _kit.Engine();
        engine.Start();

        var damage = Assert.Single(engine.Recovery!.Damage);
        Assert.Contains(JournalWriter.SegmentName(second), damage, StringComparison.Ordinal);
        Assert.Contains($"a segment is missing: the previous one ends at position {first}, this one starts at {second}", damage, StringComparison.Ordinal);
        Assert.Equal(frames.Length / 3, engine.Recovery.Records);
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.Equal(States(reference), States([Hall.Restore(hall.Definition, await hall.SaveStateAsync())])); // as at the gap
        Assert.Single(Directory.GetDirectories(_kit.Directory, "*.damaged"));
    }

    [Fact]
    public void DamagedFirstRecordOfAHall_ItsSnapshotFollows_RecoveredWholeFromIt()
    {
        // The log was cut at the hall's damaged first record, and the hall dropped, though a snapshot of it followed.
        var log = new HandWrittenLog();
        var (a, aCommands) = HandWrittenLog.Traffic("a", seed: 1);
        var (g, gCommands) = HandWrittenLog.Traffic("g", seed: 2);
        log.HallRecord(JournalRecordKind.Hall, 0, a.Definition, a.SaveState());
        var damaged = log.HallRecord(JournalRecordKind.Hall, 1, g.Definition, g.SaveState());
        log.Commands(0, a, aCommands[..60]);
        log.Commands(1, g, gCommands[..60]);
        var taken = g.SaveState();
        log.Mark(1);
        log.Commands(1, g, gCommands[60..80]);
        log.HallRecord(JournalRecordKind.Snapshot, 1, g.Definition, taken);
        log.Commands(1, g, gCommands[80..]);
        var bytes = log.Bytes();
        bytes[damaged + 40] ^= 0x20;

        var (halls, report) = Recover(Path.Combine(_kit.Directory, "gen-0000000001", "shard-0", JournalWriter.SegmentName(0)), bytes);

        Assert.Contains($"at byte {damaged}:", Assert.Single(report.Damage), StringComparison.Ordinal);
        Assert.Equal(["a", "g"], report.Halls);
        Assert.Equal(HandWrittenLog.Json(g), HandWrittenLog.Json(halls.Single(h => h.Id == "g")));
    }

    private async Task WriteJournal()
    {
        await using var engine = _kit.Engine();
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync();
        await hall.OpenWindowAsync(1);
        for (var i = 0; i < 150; i++)
        {
            await hall.IssueTicketAsync(new ServiceItemList([1 + (i % 8)]));
            if (i % 3 == 0)
            {
                await hall.FinishAndCallNextAsync(1);
            }
        }
    }

    private static long[] FrameStarts(byte[] bytes)
    {
        var starts = new List<long>();
        Assert.Null(SegmentReader.Read("s", bytes, (_, offset) => { starts.Add(offset); return null; }));
        return [.. starts];
    }

    /// <summary>Recovers a copy of the data directory whose segment holds <paramref name="bytes"/>.</summary>
    private (List<Hall> Halls, JournalRecovery Report) Recover(string segment, byte[] bytes)
    {
        var copy = Path.Combine(_kit.Directory, "copy-" + Guid.NewGuid().ToString("N"));
        var relative = Path.GetRelativePath(_kit.Directory, segment);
        var target = Path.Combine(copy, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, bytes);
        File.WriteAllText(Path.Combine(copy, relative.Split(Path.DirectorySeparatorChar)[0], "ready"), "");
        var (halls, report, _, _) = JournalStore.Recover(copy, TimeProvider.System, NullLogger.Instance);
        Directory.Delete(copy, recursive: true);
        return (halls, report);
    }

    private static string[] States(List<Hall> halls) =>
        [.. halls.OrderBy(h => h.Id).Select(h => Convert.ToBase64String(MessagePackSerializer.Serialize(HandWrittenLog.BesidesNumbering(h.SaveState()))))];
}
