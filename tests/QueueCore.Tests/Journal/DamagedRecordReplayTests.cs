using MessagePack;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// Past a damaged record, recovery keeps what it can and says what it could not. A damaged record cannot say whose
/// it was, so no hall's commands are replayed across it; but a hall whose record or snapshot follows the damage is
/// rebuilt from there, and a hall whose first record was the damaged one is reported lost by name, not dropped
/// silently (configuration then re-added it with a fresh day, and its tickets were gone without a word).
/// </summary>
public sealed class DamagedRecordReplayTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "queuecore-damaged-" + Guid.NewGuid().ToString("N"));
    private readonly JournalKit _kit = new();

    public DamagedRecordReplayTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        _kit.Dispose();
    }

    [Fact]
    public void DamagedFirstRecordOfAHall_ItsSnapshotFollows_RebuiltFromIt_TheOtherKeepsItsStateAtTheDamage()
    {
        var log = new HandWrittenLog();
        var (a, aCommands) = HandWrittenLog.Traffic("a", seed: 1);
        var (g, gCommands) = HandWrittenLog.Traffic("g", seed: 2);
        var aAtDamage = HandWrittenLog.JsonBesidesNumbering(a);
        var aNumberedTo = a.SaveState().Categories.Single(c => c.Prefix == "A").Sequence;
        log.HallRecord(JournalRecordKind.Hall, 0, a.Definition, a.SaveState());
        var damaged = log.HallRecord(JournalRecordKind.Hall, 1, g.Definition, g.SaveState()); // g's first record
        log.Commands(0, a, aCommands[..60]);
        log.Commands(1, g, gCommands[..60]);
        var taken = g.SaveState();
        log.Mark(1); // g's snapshot is taken here (the next segment's round, say) ...
        log.Commands(0, a, aCommands[60..80]);
        log.Commands(1, g, gCommands[60..80]);
        log.HallRecord(JournalRecordKind.Snapshot, 1, g.Definition, taken); // ... and written here
        log.Commands(0, a, aCommands[80..]);
        log.Commands(1, g, gCommands[80..]);
        var bytes = log.Bytes();
        bytes[damaged + 40] ^= 0x20; // inside the record's definition: its header (and so the name) still reads

        var replay = Replay(bytes);

        Assert.Equal(damaged, Assert.Single(replay.Damage).Offset);
        var halls = replay.Halls.ToDictionary(h => h.Id);
        Assert.Equal(HandWrittenLog.Json(g), HandWrittenLog.Json(halls["g"])); // from its snapshot and its commands since the mark: all of g
        Assert.Equal(aAtDamage, HandWrittenLog.JsonBesidesNumbering(halls["a"])); // a's commands may lack the damaged record: none is replayed
        Assert.True(halls["a"].SaveState().Categories.Single(c => c.Prefix == "A").Sequence > aNumberedTo + 1); // ... and its numbering goes on past theirs
        var cut = Assert.Single(replay.CutHalls);
        Assert.Equal(("a", aCommands.Length), (cut.Id, cut.Skipped));
        Assert.Empty(replay.LostHalls);
    }

    [Fact]
    public void DamagedFirstRecordOfAHall_NoSnapshotFollows_ReportedLostByName()
    {
        var log = new HandWrittenLog();
        var (a, aCommands) = HandWrittenLog.Traffic("a", seed: 1);
        var (g, gCommands) = HandWrittenLog.Traffic("g", seed: 2);
        log.HallRecord(JournalRecordKind.Hall, 0, a.Definition, a.SaveState());
        var damaged = log.HallRecord(JournalRecordKind.Hall, 1, g.Definition, g.SaveState());
        log.Commands(0, a, aCommands);
        log.Commands(1, g, gCommands);
        var bytes = log.Bytes();
        bytes[damaged + 40] ^= 0x20;

        var replay = Replay(bytes);

        Assert.Equal(["a"], replay.Halls.Select(h => h.Id));
        var lost = Assert.Single(replay.LostHalls);
        Assert.Equal((1, "g", damaged), (lost.Key, lost.Id, lost.At.Offset));
    }

    [Fact]
    public void FlippedByteAnywhere_EachHallIsWhole_OrAsAtTheDamage_OrReportedLost_NeverAnythingElse()
    {
        // Two halls, a snapshot round in the middle; one flipped byte anywhere. Every hall recovery gives must be the
        // live hall (rebuilt past the damage) or the hall replayed up to the damaged record; one it cannot give is lost.
        var log = new HandWrittenLog();
        var (a, aCommands) = HandWrittenLog.Traffic("a", seed: 3);
        var (g, gCommands) = HandWrittenLog.Traffic("g", seed: 4);
        log.HallRecord(JournalRecordKind.Hall, 0, a.Definition, a.SaveState());
        log.HallRecord(JournalRecordKind.Hall, 1, g.Definition, g.SaveState());
        log.Commands(0, a, aCommands[..70]);
        log.Commands(1, g, gCommands[..70]);
        var (takenA, takenG) = (a.SaveState(), g.SaveState());
        log.Mark(0);
        log.Mark(1);
        log.Commands(0, a, aCommands[70..90]);
        log.HallRecord(JournalRecordKind.Snapshot, 0, a.Definition, takenA);
        log.Commands(1, g, gCommands[70..90]);
        log.HallRecord(JournalRecordKind.Snapshot, 1, g.Definition, takenG);
        log.Commands(0, a, aCommands[90..]);
        log.Commands(1, g, gCommands[90..]);
        var original = log.Bytes();
        var live = new Dictionary<string, string> { ["a"] = HandWrittenLog.JsonBesidesNumbering(a), ["g"] = HandWrittenLog.JsonBesidesNumbering(g) };
        var frames = FrameStarts(original);
        var random = new Random(5);
        var rebuilt = 0;
        for (var trial = 0; trial < 100; trial++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)random.Next(1, 256);
            var frame = frames.Last(f => f <= at);
            var reference = Replay(original[..frame]).Halls.ToDictionary(h => h.Id, HandWrittenLog.JsonBesidesNumbering);

            var replay = Replay(bytes);

            Assert.Null(replay.TornTail); // records follow the damage, so it is no torn write even where a length reaches past the end
            Assert.Equal(frame, replay.Damage[0].Offset);
            foreach (var hall in replay.Halls)
            {
                var state = HandWrittenLog.JsonBesidesNumbering(hall);
                Assert.True(state == live[hall.Id] || (reference.TryGetValue(hall.Id, out var cut) && state == cut), $"trial {trial}: hall {hall.Id} is neither whole nor as at the damage at {frame}");
                rebuilt += state == live[hall.Id] && state != reference.GetValueOrDefault(hall.Id) ? 1 : 0;
            }

            foreach (var (id, key) in new[] { ("a", 0), ("g", 1) }.Where(h => replay.Halls.All(r => r.Id != h.Item1)))
            {
                Assert.False(reference.ContainsKey(id), $"trial {trial}: hall {id} was replayed up to the damage, then dropped");
                Assert.True(replay.LostHalls.Any(l => l.Key == key), $"trial {trial}: hall {id} is gone and not reported lost");
            }
        }

        Assert.True(rebuilt > 0, "no trial rebuilt a hall past the damage from its snapshot");
    }

    [Fact]
    public async Task Engine_DamagedFirstRecordOfAHall_LostHallNamedAtErrorWithThePosition_InRecoveryAndHealth()
    {
        // The first records of a generation are its halls: damage one and the hall is gone. It was dropped silently.
        var first = await DamageTheFirstRecordOfHallG();
        var logs = new TestLoggerProvider();

        await using var again = _kit.Engine(logs: logs.Factory());
        Assert.Equal(["g"], again.Recovery!.LostHalls);
        Assert.DoesNotContain("g", again.Recovery.Halls);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Hall g was lost", StringComparison.Ordinal)
            && e.Message.Contains($"at byte {first}", StringComparison.Ordinal));
        Assert.Equal(["g"], again.GetHealth().Recovery!.LostHalls);
    }

    [Fact]
    public async Task Engine_LostHallAddedAgain_NumbersRestartAtA001_HealthSaysSo()
    {
        // Hall g gave out A001 and A002 before its only intact record of them was damaged. Added again, it gives A001 a
        // second time the same day: the journal cannot show which numbers it had used (the damaged record was the first
        // it held of g, and commands carry no numbers). Nothing said so; the health check now does, while g is back.
        await DamageTheFirstRecordOfHallG();

        await using var again = _kit.Engine();
        var g = again.AddHall(JournalKit.Hall("g")); // as configuration adds a lost hall again
        again.Start();
        await g.OpenDayAsync();
        Assert.Equal("A001", (await g.IssueTicketAsync(new ServiceItemList([1]))).Number.ToString());

        var health = await new QueueCoreHealthCheck(again).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
        Assert.Equal(["g"], (string[])health.Data["journal.numberingRestarted"]);
        Assert.Contains("restarted their ticket numbers (g at A001", health.Description, StringComparison.Ordinal);
        Assert.Contains("may be handed out a second time", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_HallKeptAsAtADamagedIssue_NumbersAndIdsHandedOutAfterItAreNotGivenAgain()
    {
        // Hall a gave out A001-A010; the record of A005's issue is damaged, so recovery keeps a as it stood before it
        // (A001-A004) and skips the later issues. A006-A010 are still on paper in citizens' hands, yet the next ticket
        // was A005 and the one after it A006: two people called for one number, and a lost ticket's id naming another.
        var issued = new List<CommandResult>();
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("a"));
            engine.Start();
            await hall.OpenDayAsync();
            for (var i = 0; i < 10; i++)
            {
                issued.Add(await hall.IssueTicketAsync(new ServiceItemList([1])));
            }
        }

        Assert.Equal("A010", issued[^1].Number.ToString());
        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var issues = FrameStarts(bytes).Where(f => CommandKindAt(bytes, f) == CommandKind.IssueTicket).ToArray();
        Assert.Equal(10, issues.Length);
        bytes[issues[4] + JournalFrame.HeaderSize + 2] ^= 0x20; // A005's issue
        File.WriteAllBytes(segment, bytes);
        var logs = new TestLoggerProvider();

        await using var again = _kit.Engine(logs: logs.Factory());
        again.Start();
        Assert.True(again.TryGetHall("a", out var a));
        var next = await a.IssueTicketAsync(new ServiceItemList([1]));

        Assert.True(next.IsSuccess, next.ToString());
        Assert.True(next.Number.Sequence > 10, $"the hall numbered {next.Number} again, though A005-A010 were handed out after the damage");
        Assert.DoesNotContain(next.Ticket, issued.Select(r => r.Ticket));
        var moved = Assert.Single(logs.Entries, e => e.Id == 1060).Message;
        Assert.True(moved.Contains("its numbering goes on at A011", StringComparison.Ordinal), moved);
    }

    [Fact]
    public async Task Engine_HallKeptAsAtADamagedIssue_AScreenThatSawTheLostEventsResumesLaggedNotOnTheNewTimeline()
    {
        // A call screen followed hall a through A010 (it saw every event: they were published once durable). A005's
        // record is then damaged, so recovery keeps a as it stood before it: the events of A005-A010 are lost. The
        // hall numbered its next events from where it stood, giving the lost events' numbers to new ones: the screen,
        // reconnecting with the last number it saw, was resumed after it as if it had seen the new events before it.
        long seen;
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("a"));
            engine.Start();
            await hall.OpenDayAsync();
            for (var i = 0; i < 10; i++)
            {
                Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
            }

            seen = (await hall.GetSnapshotAsync()).Sequence;
        }

        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var issues = FrameStarts(bytes).Where(f => CommandKindAt(bytes, f) == CommandKind.IssueTicket).ToArray();
        bytes[issues[4] + JournalFrame.HeaderSize + 2] ^= 0x20; // A005's issue
        File.WriteAllBytes(segment, bytes);

        await using var again = _kit.Engine();
        again.Start();
        Assert.True(again.TryGetHall("a", out var a));
        using var live = a.Subscribe(); // a screen that connects afresh (and keeps the hall's history from here)
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await a.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess); // the new timeline, past the old one's length
        }

        using var resumed = a.Subscribe(afterSequence: seen);

        var first = await live.ReadAsync().Bounded();
        Assert.True(first.Event.Sequence > seen, $"the new timeline's event {first.Event.Sequence} reuses a number the screen saw ({seen})");
        var read = await resumed.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Lagged, read.Status); // it takes a snapshot, rather than following events it never saw the start of
    }

    /// <summary>
    /// Halls a and g, each with a day open and A001 given (g A002 too, after a restart whose generation begins with
    /// their records); then g's first record in that generation is damaged. Returns where it starts.
    /// </summary>
    private async Task<int> DamageTheFirstRecordOfHallG()
    {
        await using (var engine = _kit.Engine())
        {
            var halls = new[] { engine.AddHall(JournalKit.Hall("a")), engine.AddHall(JournalKit.Hall("g")) };
            engine.Start();
            foreach (var hall in halls)
            {
                await hall.OpenDayAsync();
                await hall.IssueTicketAsync(new ServiceItemList([1]));
            }
        }

        await using (var engine = _kit.Engine())
        {
            engine.Start(); // a new generation: [a][g], then their commands
            Assert.True(engine.TryGetHall("g", out var hall));
            await hall.IssueTicketAsync(new ServiceItemList([1]));
        }

        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var first = FrameStarts(bytes).First(f => HallIdAt(bytes, f) == "g");
        bytes[first + 60] ^= 0x20;
        File.WriteAllBytes(segment, bytes);
        return first;
    }

    private ShardReplay Replay(byte[] bytes)
    {
        var file = Path.Combine(_directory, JournalWriter.SegmentName(0));
        File.WriteAllBytes(file, bytes);
        var replay = new ShardReplay(_directory);
        replay.Run();
        return replay;
    }

    private static int[] FrameStarts(byte[] bytes)
    {
        var starts = new List<int>();
        Assert.Null(SegmentReader.Read("s", bytes, (_, offset) => { starts.Add((int)offset); return null; }));
        return [.. starts];
    }

    private static CommandKind? CommandKindAt(byte[] bytes, int frame)
    {
        var reader = new MessagePackReader(bytes.AsMemory(frame + JournalFrame.HeaderSize));
        return JournalRecord.ReadHeader(ref reader, out _) == JournalRecordKind.Command ? HallCommandSerializer.Read(ref reader).Command.Kind : null;
    }

    private static string? HallIdAt(byte[] bytes, int frame)
    {
        var reader = new MessagePackReader(bytes.AsMemory(frame + JournalFrame.HeaderSize));
        return JournalRecord.ReadHeader(ref reader, out _) == JournalRecordKind.Hall ? reader.ReadString() : null;
    }
}
