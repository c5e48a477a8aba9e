using System.Text.Json;
using MessagePack;

namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: restore equality over the run's random days. At random steps (drawn from the op, apart from the bits that
/// decode the command, so the seeds' commands stay as they were) the hall's state is saved as MessagePack and restored
/// into a twin, which then takes every command the hall takes, at the same instants: its results and events must be
/// identical, step by step. The commands since the save are kept as a journal writes them
/// (<see cref="HallCommandSerializer"/>); at the next save, and at the end of the run, the saved state is restored again
/// and the journal replayed, and the replayed hall must give the same results and events and end in the same state
/// (saved state, next due instant) as the hall.
/// </remarks>
internal sealed partial class HallModelRun
{
    private Hall? _twin;
    private byte[]? _saved;
    private readonly List<(byte[] Command, CommandResult Result, HallEvent[] Events)> _journal = [];

    /// <summary>Applies <paramref name="command"/> to the hall and, after a save, to its restored twin, and journals it.</summary>
    private CommandResult ApplyToHall(HallCommand command, DateTimeOffset at)
    {
        var r = _hall.Apply(command, at);
        if (_twin is null)
        {
            return r;
        }

        var twin = _twin.Apply(command, at);
        var events = _hall.LastEvents.ToArray();
        Require(twin == r, () => $"{Describe(command)}: the hall restored at the last save says {JsonSerializer.Serialize(twin)}, the hall {JsonSerializer.Serialize(r)}");
        var twinEvents = _twin.LastEvents.ToArray();
        Require(events.SequenceEqual(twinEvents), () =>
            $"{Describe(command)}: the hall restored at the last save gave events\n  {string.Join("\n  ", twinEvents)}\nthe hall\n  {string.Join("\n  ", events)}");
        Require(_twin.NextDue == _hall.NextDue, () => $"{Describe(command)}: the restored hall is next due at {_twin.NextDue:HH:mm:ss}, the hall at {_hall.NextDue:HH:mm:ss}");
        _journal.Add((HallCommandSerializer.Serialize(command, at), r, events));
        return r;
    }

    /// <summary>About one step in <see cref="SaveOneIn"/>: checks the journal since the last save, then saves and restores a new twin.</summary>
    private void MaybeSave(int op)
    {
        if (new OpBits(op ^ 0x5BD1E995).Next(SaveOneIn) != 0)
        {
            return;
        }

        CheckReplay();
        Save();
    }

    /// <summary>Saves the hall's state and restores it into a new twin; the journal starts again.</summary>
    private void Save()
    {
        _saved = MessagePackSerializer.Serialize(_hall.SaveState());
        _twin = Hall.Restore(_definition, MessagePackSerializer.Deserialize<HallState>(_saved));
        _journal.Clear();
        Stats.Restores++;
        Require(_twin.NextDue == _hall.NextDue, () => $"restored, the hall is next due at {_twin.NextDue:HH:mm:ss}, the original at {_hall.NextDue:HH:mm:ss}");
        Require(Json(_twin.SaveState()) == Json(_hall.SaveState()), () => "restored, the hall saves another state than the original");
    }

    private const int SaveOneIn = 120;

    /// <summary>The last saved state plus the journal since gives the hall as it is now.</summary>
    private void CheckReplay()
    {
        if (_saved is null)
        {
            return;
        }

        var replayed = Hall.Restore(_definition, MessagePackSerializer.Deserialize<HallState>(_saved));
        for (var i = 0; i < _journal.Count; i++)
        {
            var (bytes, result, events) = _journal[i];
            var (command, at) = HallCommandSerializer.Deserialize(bytes);
            var r = replayed.Apply(command, at);
            var index = i;
            Require(r == result, () => $"replayed from the journal, command {index} since the save ({Describe(command)}) gave {JsonSerializer.Serialize(r)}; it gave {JsonSerializer.Serialize(result)}");
            var replayedEvents = replayed.LastEvents.ToArray();
            Require(events.SequenceEqual(replayedEvents), () =>
                $"replayed from the journal, command {index} since the save ({Describe(command)}) gave events\n  {string.Join("\n  ", replayedEvents)}\nit gave\n  {string.Join("\n  ", events)}");
        }

        Require(replayed.NextDue == _hall.NextDue, () => $"replayed from the journal, the hall is next due at {replayed.NextDue:HH:mm:ss}, the original at {_hall.NextDue:HH:mm:ss}");
        Require(Json(replayed.SaveState()) == Json(_hall.SaveState()), () => "replayed from the journal, the hall saves another state than the original");
        Stats.Replays += _journal.Count > 0 ? 1 : 0;
    }

    private static string Json(HallState state) => JsonSerializer.Serialize(state);
}
