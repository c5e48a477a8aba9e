using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>
/// The server's wall clock is stepped in the middle of a day (NTP corrects a clock that ran fast, an operator fixes a
/// wrong date): the hall's own time never goes back, a ticket issued after a step back still stands behind the ones
/// issued before it, and each timer fires once, in order, when the clock passes it.
/// </summary>
public sealed class WallClockStepTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tick_ClockStepsBackFiveMinutesThenForwardTwoHours_OrderKeptAndEachTimerOnce()
    {
        var time = new FakeTimeProvider(Nine);
        var definition = EngineTestKit.Hall(windows: 2, waitLimit: TimeSpan.FromMinutes(20)) with
        {
            WindowIdleLimit = TimeSpan.FromMinutes(10),
            Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(30), ReturnToSameWindow = false },
        };
        var options = EngineTestKit.Options(shards: 1) with { WaitStrategy = WaitStrategy.Blocking, TickInterval = TimeSpan.FromMinutes(1) };
        var log = new List<HallEvent>();
        var (engine, hall) = EngineTestKit.Started(options, definition, time);
        await using var lifetime = engine;
        using var events = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall, 1, 2);
        var parked = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        Assert.True((await hall.CallNextAsync(1).Bounded()).IsSuccess);
        Assert.True((await hall.StartServingAsync(1).Bounded()).IsSuccess);
        Assert.True((await hall.ParkAsync(1).Bounded()).IsSuccess); // returns at 09:30
        var a = await hall.IssueTicketAsync(1).Bounded(); // its wait limit at 09:20
        time.Advance(TimeSpan.FromMinutes(3));
        var b = await hall.IssueTicketAsync(1).Bounded(); // 09:23

        time.AdjustTime(time.GetUtcNow().AddMinutes(-5)); // 08:58: timers untouched, as a real clock step leaves them
        var c = await hall.IssueTicketAsync(1).Bounded();
        time.Advance(TimeSpan.FromMinutes(1)); // 08:59 on the wall clock: nothing is due on the hall's
        var afterBack = await TickAndReadAsync(hall, events, log);

        Assert.True(c.IssuedAt >= b.IssuedAt, $"issued after the step back at {c.IssuedAt:T}, before {b.IssuedAt:T}");
        Assert.DoesNotContain(afterBack, e => e.Kind is HallEventKind.WaitLimitPassed or HallEventKind.IdleTimePassed or HallEventKind.Resumed);

        time.AdjustTime(time.GetUtcNow().AddHours(2)); // 10:59
        time.Advance(TimeSpan.FromMinutes(1)); // 11:00: everything is overdue at once
        var afterForward = await TickAndReadAsync(hall, events, log);
        time.Advance(TimeSpan.FromMinutes(5)); // later ticks fire nothing twice
        afterForward.AddRange(await TickAndReadAsync(hall, events, log));

        Assert.Equal([a.Ticket, b.Ticket, c.Ticket], afterForward.Where(e => e.Kind == HallEventKind.WaitLimitPassed).Select(e => e.Ticket));
        Assert.Equal([1, 2], afterForward.Where(e => e.Kind == HallEventKind.IdleTimePassed).Select(e => e.Window).Order());
        Assert.Equal(parked, Assert.Single(afterForward, e => e.Kind == HallEventKind.Resumed).Ticket);
        Assert.All(log.Zip(log.Skip(1)), p => Assert.True(p.First.Time <= p.Second.Time, $"the hall's time went back: {p.First.Kind} at {p.First.Time:T}, then {p.Second.Kind} at {p.Second.Time:T}"));

        // Window 2 calls everyone in turn: the ticket issued after the step back comes after those issued before it.
        var called = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var call = await hall.CallNextAsync(2).Bounded();
            Assert.True(call.IsSuccess, call.ToString());
            called.Add(call.Ticket);
            Assert.True((await hall.StartServingAsync(2).Bounded()).IsSuccess);
            Assert.True((await hall.FinishAsync(2).Bounded()).IsSuccess);
        }

        Assert.True(called.IndexOf(c.Ticket) > called.IndexOf(a.Ticket) && called.IndexOf(c.Ticket) > called.IndexOf(b.Ticket), string.Join(", ", called));
    }

    /// <summary>
    /// Ticks the hall (as the engine's timer does; submitted, so the tick is applied before the events are read) and
    /// reads every event after those in <paramref name="log"/> up to the hall's current sequence, with bounded waits;
    /// returns them, and adds them to the log.
    /// </summary>
    private static async Task<List<HallEvent>> TickAndReadAsync(HallHandle hall, EventSubscription events, List<HallEvent> log)
    {
        Assert.True((await hall.SubmitAsync(HallCommand.Tick()).Bounded()).IsSuccess);
        var through = (await hall.GetSnapshotAsync().Bounded()).Sequence;
        var seen = new List<HallEvent>();
        while ((log.Count == 0 ? 0 : log[^1].Sequence) < through)
        {
            var e = (await events.ReadAsync().Bounded()).Event;
            seen.Add(e);
            log.Add(e);
        }

        return seen;
    }
}
