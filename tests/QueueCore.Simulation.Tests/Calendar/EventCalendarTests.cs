namespace QueueCore.Simulation.Tests.Calendar;

/// <summary>The calendar gives its events in (time, scheduling order), wherever they fall: in the current bucket, in
/// the past, at one instant, beyond the ring, or after it ran empty.</summary>
public sealed class EventCalendarTests
{
    private const long Minute = TimeSpan.TicksPerMinute;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PopsInTimeThenSchedulingOrder(int seed)
    {
        var random = new Random(seed);
        var calendar = new EventCalendar(4);
        var pending = new List<(long Time, long Id)>();
        long now = 0, id = 0;
        void Push(long time)
        {
            calendar.Push(time, SimEventKind.Completion, 0, id);
            pending.Add((time, id++));
        }

        for (var round = 0; round < 3; round++)
        {
            for (var w = 0; w < 40; w++)
            {
                Push(now + (9 * 60 * Minute)); // windows opening at one instant
                Push(now + (17 * 60 * Minute) + random.Next(2)); // shift ends, far beyond the ring
            }

            for (var step = 0; step < 5_000; step++)
            {
                var kind = random.Next(10);
                Push(kind switch
                {
                    0 => now - random.Next(1_000), // before the current bucket
                    1 => now, // at once
                    2 => now + (random.NextInt64(48 * 60) * Minute), // anywhere in two days
                    _ => now + random.NextInt64(30 * Minute), // soon
                });

                if (random.Next(3) > 0 && calendar.TryPop(out var e))
                {
                    var expected = pending.OrderBy(p => p.Time).ThenBy(p => p.Id).First();
                    Assert.Equal(expected, (e.Time, e.Ticket));
                    pending.Remove(expected);
                    now = Math.Max(now, e.Time);
                }
            }

            foreach (var expected in pending.OrderBy(p => p.Time).ThenBy(p => p.Id))
            {
                Assert.True(calendar.TryPop(out var e));
                Assert.Equal(expected, (e.Time, e.Ticket));
            }

            Assert.False(calendar.TryPop(out _));
            Assert.Equal(0, calendar.Count);
            pending.Clear();
            now = random.NextInt64(10 * 60 * Minute) - (5 * Minute); // the next hall's day restarts the clock
        }
    }
}
