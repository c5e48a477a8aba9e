using System.Text.Json;
using MessagePack;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// Issue 10, Fix 6 and Add 6 from outside: a definition is a set of entries matched by id, so the order in which it
/// lists categories, items, windows, skills and classes changes nothing. The same day in a hall built from the
/// reordered definition, and a hall restored with it from the original's saved state, give the results and events of
/// the original, command for command (windows serving whole categories, auto windows, timers and request ids included).
/// </summary>
public class ReorderedDefinitionTests
{
    private static HallDefinition Reordered(HallDefinition d) => d with
    {
        Categories = [.. d.Categories.Reverse()],
        Services = [.. d.Services.Reverse()],
        Windows = [.. d.Windows.Reverse().Select(w => w with { Skills = [.. w.Skills.Reverse()] })],
        Priority = d.Priority with { Classes = [.. d.Priority.Classes.Reverse()] },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Restore_DefinitionListedInAnotherOrder_SameResultsAndEventsAsTheOriginal(int seed)
    {
        var definition = RandomHallTraffic.Definition();
        var reordered = Reordered(definition);
        var random = new Random(seed);
        var original = new Hall(definition);
        var built = new Hall(reordered);
        Hall? restored = null;
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        original.Apply(HallCommand.OpenDay(), now);
        built.Apply(HallCommand.OpenDay(), now);
        var tickets = new List<long>();
        var saveAt = random.Next(200, 1500);
        for (var i = 0; i < 2500; i++)
        {
            if (i == saveAt)
            {
                restored = Hall.Restore(reordered, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(original.SaveState())));
            }

            now = now.AddSeconds(random.Next(-10, 60));
            var command = random.Next(10) == 0 ? HallCommand.Tick() : RandomHallTraffic.Next(random, tickets, now);
            var expected = original.Apply(command, now);
            var events = original.LastEvents.ToArray();
            if (expected.Ticket != 0 && !tickets.Contains(expected.Ticket))
            {
                tickets.Add(expected.Ticket);
            }

            var b = built.Apply(command, now);
            Assert.True(Same(expected, b), $"seed {seed}, command {i} ({command.Kind}), built reordered: {expected} vs {b}");
            Assert.Equal(events, built.LastEvents.ToArray());
            if (restored is not null)
            {
                var r = restored.Apply(command, now);
                Assert.True(Same(expected, r), $"seed {seed}, command {i} ({command.Kind}), restored reordered: {expected} vs {r}");
                Assert.Equal(events, restored.LastEvents.ToArray());
                Assert.Equal(original.NextDue, restored.NextDue);
            }
        }

        // The snapshot lists items and windows in the definition's order: the reordered hall's, built or restored.
        Assert.Equal(JsonSerializer.Serialize(built.GetSnapshot(now)), JsonSerializer.Serialize(restored!.GetSnapshot(now)));
    }

    /// <summary>The same result; a refusal's message may list windows in the definition's order.</summary>
    private static bool Same(CommandResult a, CommandResult b) => (a with { Message = null }) == (b with { Message = null }) && (a.Message is null) == (b.Message is null);
}
