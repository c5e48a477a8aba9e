using System.Buffers;
using System.Text.Json;
using MessagePack;
using QueueCore.Tests.Snapshots;

namespace QueueCore.Tests.Journal;

/// <summary>A shard log written by hand, record by record, and the traffic to fill it.</summary>
internal sealed class HandWrittenLog
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private readonly ArrayBufferWriter<byte> _bytes = new();

    /// <summary>The log's bytes so far.</summary>
    public byte[] Bytes() => _bytes.WrittenSpan.ToArray();

    /// <summary>Appends a hall record; returns its offset.</summary>
    public int HallRecord(JournalRecordKind kind, int key, HallDefinition definition, HallState state) => Frame(b => JournalRecord.WriteHall(
        b, kind, key, definition.Id, System.Text.Encoding.UTF8.GetBytes(HallConfiguration.ToJson(definition)), MessagePackSerializer.Serialize(state)));

    /// <summary>Appends the mark a round of snapshots begins with, holding the shard's hall count.</summary>
    public void RoundBegins(int halls) => Frame(b => JournalRecord.WriteMark(b, JournalRecordKind.Removed, JournalRecord.RoundBegins(halls)));

    /// <summary>Appends a SnapshotTaken mark.</summary>
    public void Mark(int key) => Frame(b => JournalRecord.WriteMark(b, JournalRecordKind.SnapshotTaken, key));

    /// <summary>Appends command records, applying each to <paramref name="live"/> as it goes.</summary>
    public void Commands(int key, Hall live, IEnumerable<(HallCommand Command, DateTimeOffset At)> commands)
    {
        foreach (var (command, at) in commands)
        {
            live.Apply(command, at);
            Frame(b => JournalRecord.WriteCommand(b, key, command, at));
        }
    }

    /// <summary>A fresh hall and 120 commands of random traffic for it (a day opened first).</summary>
    public static (Hall Live, (HallCommand, DateTimeOffset)[] Commands) Traffic(string id, int seed)
    {
        var random = new Random(seed);
        var hall = new Hall(JournalKit.Hall(id));
        var probe = new Hall(hall.Definition); // learns the ticket ids the random traffic refers to
        var tickets = new List<long>();
        var commands = new List<(HallCommand, DateTimeOffset)> { (HallCommand.OpenDay(), Start) };
        probe.Apply(HallCommand.OpenDay(), Start);
        for (var i = 1; i < 120; i++)
        {
            var at = Start.AddSeconds(i * 7);
            var command = RandomHallTraffic.Next(random, tickets, at);
            var result = probe.Apply(command, at);
            if (result.Ticket != 0 && !tickets.Contains(result.Ticket))
            {
                tickets.Add(result.Ticket);
            }

            commands.Add((command, at));
        }

        return (hall, [.. commands]);
    }

    /// <summary>The hall's saved state as JSON, to compare halls by.</summary>
    public static string Json(Hall hall) => JsonSerializer.Serialize(hall.SaveState());

    /// <summary>
    /// The saved state as JSON without its numbering (categories' last numbers, the ticket serial, the event sequence): a hall kept as at a
    /// damage is that hall with its numbering moved on past what the lost commands may have handed out.
    /// </summary>
    public static string JsonBesidesNumbering(Hall hall) => JsonSerializer.Serialize(BesidesNumbering(hall.SaveState()));

    /// <summary>The state with its numbering zeroed (see <see cref="JsonBesidesNumbering"/>).</summary>
    public static HallState BesidesNumbering(HallState state) =>
        state with { Sequence = 0, Serial = 0, Categories = [.. state.Categories.Select(c => c with { Sequence = 0 })] };

    private int Frame(Action<IBufferWriter<byte>> write)
    {
        var at = _bytes.WrittenCount;
        var payload = new ArrayBufferWriter<byte>();
        write(payload);
        JournalFrame.Write(_bytes, payload.WrittenSpan);
        return at;
    }
}
