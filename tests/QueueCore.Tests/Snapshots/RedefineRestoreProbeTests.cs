namespace QueueCore.Tests.Snapshots;

/// <summary>Held-out check: a hall redefined at run time and the same hall restored from its saved state agree on every later command.</summary>
public class RedefineRestoreProbeTests
{
    private static HallDefinition Variant(HallDefinition d, int k) => (k % 5) switch
    {
        0 => d,
        1 => d with
        {
            Services = [.. d.Services.Select(s => s with { WaitLimit = TimeSpan.FromMinutes(3 + s.Id), ServiceTimeLimit = null, QueueWarningLength = 2 })],
            WindowIdleLimit = TimeSpan.FromMinutes(2),
        },
        2 => d with
        {
            Windows = [.. d.Windows.Select(w => w.Id == 3 ? w with { Skills = [new() { Category = "B" }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(1) }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(2) }] } : w)],
            Priority = d.Priority with { Interleave = new() { PriorityCalls = 1, NormalCalls = 2 }, MaxWait = TimeSpan.FromMinutes(10) },
        },
        3 => d with
        {
            Priority = d.Priority with { Classes = [.. d.Priority.Classes.Select(c => c with { HeadStart = c.HeadStart / 3 })] },
            Windows = [.. d.Windows.Select(w => w.Id == 2 ? w with { AutoAssign = false, Skills = [new() { Category = "A" }, new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(3) }] } : w)],
            WindowIdleLimit = null,
        },
        _ => d with
        {
            Services = [.. d.Services.Select(s => s with { DailyCap = 30, WaitLimit = null })],
            Windows = [.. d.Windows.Select(w => w.Id == 4 ? w with { DedicatedClass = null } : w)],
        },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Redefine_RandomDays_RestoredCopyAgreesWithTheRunningHall(int seed)
    {
        var r = new Random(seed);
        var baseDefinition = RandomHallTraffic.Definition();
        var hall = new Hall(baseDefinition);
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        hall.Apply(HallCommand.OpenDay(), now);
        var tickets = new List<long>();
        var redefinitions = 0;
        for (var round = 0; round < 30; round++)
        {
            var definition = Variant(baseDefinition, r.Next(5));
            try
            {
                hall = hall.Redefine(definition, now);
                redefinitions++;
            }
            catch (ArgumentException)
            {
                continue;
            }

            var copy = Hall.Restore(definition, hall.SaveState());
            Assert.Equal(hall.NextDue, copy.NextDue);
            for (var i = 0; i < 150; i++)
            {
                now = now.AddSeconds(r.Next(0, 90));
                var command = RandomHallTraffic.Next(r, tickets, now);
                var x = hall.Apply(command, now);
                var y = copy.Apply(command, now);
                Assert.True(x == y, $"seed {seed} round {round} step {i} {command.Kind}: {x} vs {y}");
                Assert.True(hall.LastEvents.ToArray().SequenceEqual(copy.LastEvents.ToArray()), $"seed {seed} round {round} step {i} {command.Kind}: events differ\n{string.Join("\n", hall.LastEvents.ToArray())}\nvs\n{string.Join("\n", copy.LastEvents.ToArray())}");
                Assert.True(hall.NextDue == copy.NextDue, $"seed {seed} round {round} step {i} {command.Kind}: NextDue {hall.NextDue} vs {copy.NextDue}");
                if (x.IsSuccess && x.Ticket != 0 && !tickets.Contains(x.Ticket))
                {
                    tickets.Add(x.Ticket);
                }
            }
        }

        Assert.True(redefinitions > 5, $"only {redefinitions} redefinitions");
    }
}
