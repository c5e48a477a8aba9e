using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>
/// An integrator's hall run through the engine on a fake clock: the night the server was down, and the estimates a
/// kiosk prints against the waits the tickets then had.
/// </summary>
public class HallDayClockTests
{
    private static readonly DateTimeOffset Evening = new(2026, 11, 23, 17, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Tick_ServerDownOvernight_EachDueAlertOnceThenQuiet()
    {
        var time = new FakeTimeProvider(Evening);
        var definition = EngineTestKit.Hall(windows: 2, waitLimit: TimeSpan.FromMinutes(20)) with
        {
            WindowIdleLimit = TimeSpan.FromMinutes(10),
            Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(30), ReturnToSameWindow = false },
        };
        var options = EngineTestKit.Options(shards: 1) with { WaitStrategy = WaitStrategy.Blocking, TickInterval = TimeSpan.FromHours(1) };
        var (engine, hall) = EngineTestKit.Started(options, definition, time);
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1, 2);
        var parked = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        Assert.True((await hall.CallNextAsync(1).Bounded()).IsSuccess);
        Assert.True((await hall.StartServingAsync(1).Bounded()).IsSuccess);
        Assert.True((await hall.ParkAsync(1).Bounded()).IsSuccess);
        var a = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        var b = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        using var events = hall.Subscribe();

        time.Advance(TimeSpan.FromHours(14)); // the server's clock, back the next morning
        var seen = new List<HallEvent>();
        var quiet = await hall.GetSnapshotAsync().Bounded();
        while (seen.Count == 0 || seen[^1].Sequence < quiet.Sequence)
        {
            seen.Add((await events.ReadAsync().Bounded()).Event);
            quiet = await hall.GetSnapshotAsync().Bounded();
        }

        Assert.Equal([a, b], seen.Where(e => e.Kind == HallEventKind.WaitLimitPassed).Select(e => e.Ticket));
        Assert.Equal([1, 2], seen.Where(e => e.Kind == HallEventKind.IdleTimePassed).Select(e => e.Window));
        Assert.Equal(parked, Assert.Single(seen, e => e.Kind == HallEventKind.Resumed).Ticket);
        Assert.All(seen, e => Assert.Equal(Evening.AddHours(14), e.Time));

        // An hour on: only the resumed ticket's own wait limit, 20 minutes after it came back.
        time.Advance(TimeSpan.FromHours(1));
        var late = (await events.ReadAsync().Bounded()).Event;
        Assert.Equal((HallEventKind.WaitLimitPassed, parked), (late.Kind, late.Ticket));
        Assert.InRange(late.Time, Evening.AddHours(14).AddMinutes(20), Evening.AddHours(15));
        Assert.Equal(late.Sequence, (await hall.GetSnapshotAsync().Bounded()).Sequence);
    }

    [Fact]
    public async Task IssueTicket_SteadyOneWindowDay_EstimateIsTheWait()
    {
        // One window, every service exactly 5 minutes (the item's expected time too), a citizen every 4 minutes, FIFO: the
        // kiosk's estimate counts the rest of the service under way when the ticket was issued (CommandResult.EstimatedWait),
        // so it is the wait the ticket then has, to the tick. It used to leave that rest out: up to 5 minutes short.
        var time = new FakeTimeProvider(Evening);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), EngineTestKit.Hall(), time);
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        var issued = new Dictionary<long, (DateTimeOffset At, int Position, TimeSpan Estimate)>();
        var waits = new Dictionary<long, TimeSpan>();
        long serving = 0;
        for (var minute = 0; minute <= 120; minute++)
        {
            if (minute > 0)
            {
                time.Advance(TimeSpan.FromMinutes(1));
            }

            if (minute % 5 == 0 && serving != 0)
            {
                Assert.True((await hall.FinishAsync(1).Bounded()).IsSuccess);
                serving = 0;
            }

            if (minute % 4 == 0 && minute < 100)
            {
                var r = await hall.IssueTicketAsync(1).Bounded();
                var waiting = (await hall.GetSnapshotAsync(SnapshotDetail.Figures).Bounded()).TotalWaiting;
                Assert.Equal(waiting - 1, r.Position); // FIFO: everyone waiting is ahead
                issued[r.Ticket] = (time.GetUtcNow(), r.Position, r.EstimatedWait);
            }

            if (minute % 5 == 0 && serving == 0 && (await hall.CallNextAsync(1).Bounded()) is { IsSuccess: true } call)
            {
                Assert.True((await hall.StartServingAsync(1).Bounded()).IsSuccess);
                serving = call.Ticket;
                waits[call.Ticket] = time.GetUtcNow() - issued[call.Ticket].At;
            }
        }

        Assert.Equal(25, waits.Count);
        Assert.All(waits, p =>
        {
            var (_, _, estimate) = issued[p.Key];
            Assert.Equal(p.Value, estimate);
        });
    }

    [Fact]
    public async Task QueryTicket_WindowOpensPausesCloses_EstimateFollowsAtOnce()
    {
        var time = new FakeTimeProvider(Evening);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), EngineTestKit.Hall(windows: 2), time);
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        long last = 0;
        for (var i = 0; i < 5; i++)
        {
            last = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        }

        async Task<TimeSpan> Estimate() => (await hall.QueryTicketAsync(last).Bounded()).EstimatedWait;

        Assert.Equal(TimeSpan.FromMinutes(20), await Estimate()); // four ahead, one window, 5 minutes each
        Assert.True((await hall.OpenWindowAsync(2, clerk: 102).Bounded()).IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(10), await Estimate());
        Assert.True((await hall.PauseWindowAsync(1).Bounded()).IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(20), await Estimate());
        Assert.True((await hall.ResumeWindowAsync(1).Bounded()).IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(10), await Estimate());
        Assert.True((await hall.CloseWindowAsync(2).Bounded()).IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(20), await Estimate());
        Assert.True((await hall.CloseWindowAsync(1).Bounded()).IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(25), await Estimate()); // none open: one assumed, just started a service
        Assert.Equal(0, (await hall.GetSnapshotAsync().Bounded()).Services[0].OpenWindows);
    }
}
