using System.Text.Json;
using MessagePack;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// The clerks' figures through a saved state plus the commands after it (what the journal's recovery does), with clerks
/// moving between windows, windows opened with no clerk, and ratings after a window closed or changed clerk.
/// </summary>
public class ClerkReplayTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Restore_PlusReplayedCommands_ClerksMovingBetweenWindows_SameFigures(int seed)
    {
        var definition = RandomHallTraffic.Definition();
        var random = new Random(seed);
        var original = new Hall(definition);
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        original.Apply(HallCommand.OpenDay(), now);
        var tickets = new List<long>();
        var saveAt = random.Next(200, 1500);
        byte[] saved = [];
        var journal = new List<(HallCommand Command, DateTimeOffset At)>();
        for (var i = 0; i < 2000; i++)
        {
            if (i == saveAt)
            {
                saved = MessagePackSerializer.Serialize(original.SaveState());
            }

            now = now.AddSeconds(random.Next(0, 60));
            var command = random.Next(10) == 0 ? HallCommand.Tick() : RandomHallTraffic.Next(random, tickets, now);
            if (command.Kind == CommandKind.OpenWindow)
            {
                command = command with { Value = random.Next(0, 7) }; // clerks 1 to 6 (0: none), on any window
            }

            var result = original.Apply(command, now);
            if (result.Ticket != 0 && !tickets.Contains(result.Ticket))
            {
                tickets.Add(result.Ticket);
            }

            if (i >= saveAt)
            {
                journal.Add((command, now));
            }
        }

        var replayed = Hall.Restore(definition, MessagePackSerializer.Deserialize<HallState>(saved));
        foreach (var (command, at) in journal)
        {
            replayed.Apply(command, at);
        }

        Assert.Equal(JsonSerializer.Serialize(original.SaveState()), JsonSerializer.Serialize(replayed.SaveState()));
        Assert.Equal(original.GetSnapshot(now).Clerks, replayed.GetSnapshot(now).Clerks);
    }
}
