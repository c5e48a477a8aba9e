using System.Buffers;
using System.Text.Json;
using MessagePack;
using QueueCore.Tests.Snapshots;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A snapshot is saved off the shard thread, so its record lands after commands the hall applied since it was taken.
/// Replay must give the same hall whether the log still holds the hall's earlier records or starts at the snapshot.
/// </summary>
public sealed class SnapshotReplayTests : IDisposable
{
    private const int Key = 0;
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "queuecore-replay-" + Guid.NewGuid().ToString("N"));
    private readonly ArrayBufferWriter<byte> _log = new();

    public SnapshotReplayTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LogStartsBeforeTheMark_CommandsBeforeTheMarkSkipped_CommandsBetweenMarkAndSnapshotApplyAfterIt()
    {
        var (live, before, after) = Traffic();
        foreach (var (command, at) in before[..50])
        {
            live.Apply(command, at); // in the segments deleted after the roll-over
        }

        Commands(live, before[50..]); // the new segment's first records, from before this hall's snapshot was taken: in it
        var taken = live.SaveState(); // the state at the mark
        Mark();
        var (between, later) = (after[..40], after[40..]);
        Commands(live, between);
        HallRecord(JournalRecordKind.Snapshot, live.Definition, taken);
        Commands(live, later);

        Assert.Equal(Json(live), Json(Replay()));
    }

    [Fact]
    public void LogHoldsTheHallsEarlierRecord_SnapshotIsSkipped()
    {
        var (live, before, after) = Traffic();
        HallRecord(JournalRecordKind.Hall, live.Definition, live.SaveState());
        Commands(live, before);
        var taken = live.SaveState();
        Mark();
        Commands(live, after[..40]);
        HallRecord(JournalRecordKind.Snapshot, live.Definition, taken); // older than the hall replayed so far: ignored
        Commands(live, after[40..]);

        Assert.Equal(Json(live), Json(Replay()));
    }

    [Fact]
    public void MarkWithoutItsSnapshot_AndNothingEarlier_IsReportedNotGuessed()
    {
        var (live, before, _) = Traffic();
        Mark();
        Commands(live, before);
        File.WriteAllBytes(Path.Combine(_directory, JournalWriter.SegmentName(0)), _log.WrittenSpan.ToArray());

        var replay = new ShardReplay(_directory);
        var damage = replay.Run();

        Assert.NotNull(damage);
        Assert.Contains("snapshot of hall key 0 is missing", damage.Status, StringComparison.Ordinal);
        Assert.Empty(replay.Halls);
    }

    private static (Hall Live, (HallCommand, DateTimeOffset)[] Before, (HallCommand, DateTimeOffset)[] After) Traffic()
    {
        var random = new Random(11);
        var hall = new Hall(JournalKit.Hall("h"));
        var tickets = new List<long>();
        var commands = new List<(HallCommand, DateTimeOffset)> { (HallCommand.OpenDay(), Start) };
        var probe = new Hall(hall.Definition); // learns the ticket ids the random traffic refers to
        for (var i = 0; i < 200; i++)
        {
            var at = Start.AddSeconds(i * 7);
            var command = i == 0 ? HallCommand.OpenDay() : RandomHallTraffic.Next(random, tickets, at);
            var result = probe.Apply(command, at);
            if (result.Ticket != 0 && !tickets.Contains(result.Ticket))
            {
                tickets.Add(result.Ticket);
            }

            if (i > 0)
            {
                commands.Add((command, at));
            }
        }

        return (hall, [.. commands.Take(100)], [.. commands.Skip(100)]);
    }

    private ShardReplay Replay()
    {
        File.WriteAllBytes(Path.Combine(_directory, JournalWriter.SegmentName(0)), _log.WrittenSpan.ToArray());
        var replay = new ShardReplay(_directory);
        Assert.Null(replay.Run());
        return replay;
    }

    private static string Json(Hall hall) => JsonSerializer.Serialize(hall.SaveState());

    private static string Json(ShardReplay replay) => Json(Assert.Single(replay.Halls));

    private void Mark() => Frame(b => JournalRecord.WriteMark(b, JournalRecordKind.SnapshotTaken, Key));

    private void HallRecord(JournalRecordKind kind, HallDefinition definition, HallState state) => Frame(b => JournalRecord.WriteHall(
        b, kind, Key, definition.Id, System.Text.Encoding.UTF8.GetBytes(HallConfiguration.ToJson(definition)), MessagePackSerializer.Serialize(state)));

    private void Commands(Hall live, IEnumerable<(HallCommand Command, DateTimeOffset At)> commands)
    {
        foreach (var (command, at) in commands)
        {
            live.Apply(command, at);
            Frame(b => JournalRecord.WriteCommand(b, Key, command, at));
        }
    }

    private void Frame(Action<IBufferWriter<byte>> write)
    {
        var payload = new ArrayBufferWriter<byte>();
        write(payload);
        JournalFrame.Write(_log, payload.WrittenSpan);
    }
}
