using MessagePack;

namespace QueueCore.Tests.Snapshots;

public class HallStateTests
{
    [Theory]
    [InlineData(1, WindowSelection.LongestIdle)]
    [InlineData(2, WindowSelection.LongestIdle)]
    [InlineData(3, WindowSelection.LongestIdle)]
    [InlineData(4, WindowSelection.LeastBusy)]
    [InlineData(5, WindowSelection.RoundRobin)]
    public void Restore_AfterMessagePackRoundTrip_ContinuesExactlyLikeTheOriginal(int seed, WindowSelection selection)
    {
        var definition = RandomHallTraffic.Definition() with { WindowSelection = selection };
        var original = new Hall(definition);
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        original.Apply(HallCommand.OpenDay(), now);
        var random = new Random(seed);
        var tickets = new List<long>();
        for (var i = 0; i < 3000; i++)
        {
            now = now.AddSeconds(random.Next(0, 40));
            var r = original.Apply(RandomHallTraffic.Next(random, tickets, now), now);
            if (r.Ticket != 0 && !tickets.Contains(r.Ticket))
            {
                tickets.Add(r.Ticket);
            }
        }

        var bytes = MessagePackSerializer.Serialize(original.SaveState());
        var restored = Hall.Restore(definition, MessagePackSerializer.Deserialize<HallState>(bytes));

        Assert.Equal(original.Sequence, restored.Sequence);
        Assert.Equivalent(original.GetSnapshot(now), restored.GetSnapshot(now), strict: true);
        for (var i = 0; i < 3000; i++)
        {
            now = now.AddSeconds(random.Next(0, 40));
            var command = RandomHallTraffic.Next(random, tickets, now);
            var expected = original.Apply(command, now);
            var actual = restored.Apply(command, now);
            Assert.Equal(expected, actual);
            Assert.Equal(original.LastEvents.ToArray(), restored.LastEvents.ToArray());
            if (expected.Ticket != 0 && !tickets.Contains(expected.Ticket))
            {
                tickets.Add(expected.Ticket);
            }
        }
    }

    [Fact]
    public void Restore_StateOfAnotherHall_Throws()
    {
        var state = new Hall(RandomHallTraffic.Definition()).SaveState();
        var other = RandomHallTraffic.Definition() with { Id = "other" };
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(other, state));
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
    }
}
