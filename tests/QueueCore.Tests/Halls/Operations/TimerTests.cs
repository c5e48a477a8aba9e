using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class TimerTests
{
    private static HallDefinition Limits(TimeSpan? wait = null, TimeSpan? service = null, TimeSpan? idle = null) =>
        OneItem(d => d with
        {
            Services = [d.Services[0] with { WaitLimit = wait, ServiceTimeLimit = service }],
            WindowIdleLimit = idle,
        });

    [Fact]
    public void Tick_WaitLimit_AlertOncePerTicket()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(5);
        Assert.Equal(At(20), hall.NextDue);
        hall.Do(HallCommand.Tick(), 19.9);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 20);
        var e = hall.Single(HallEventKind.WaitLimitPassed);
        Assert.Equal((a, 1, 1200), (e.Ticket, e.Service, e.Value));
        Assert.Equal(At(25), hall.NextDue);
        hall.Do(HallCommand.Tick(), 24);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 30);
        Assert.Equal(b, hall.Single(HallEventKind.WaitLimitPassed).Ticket);
        hall.Do(HallCommand.Tick(), 60);
        Assert.Empty(hall.Events());
        Assert.Null(hall.NextDue);
    }

    [Fact]
    public void Tick_WaitLimit_CalledBeforeLimit_NoAlert()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1);
        hall.Issue(0);
        hall.Call(1, 19);
        hall.Do(HallCommand.Tick(), 25);
        Assert.Empty(hall.Events());
    }

    [Fact]
    public void Tick_WaitLimit_CountedFromJoiningTheItemsQueue()
    {
        var d = Small(d => d with { Services = [.. d.Services.Select(s => s.Id == 2 ? s with { WaitLimit = TimeSpan.FromMinutes(20) } : s)] });
        var hall = Open(d, 1);
        var a = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Serve(1, 0);
        hall.Do(HallCommand.Finish(1), 30); // joins item 2's queue at minute 30
        hall.Do(HallCommand.Tick(), 49);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 50);
        Assert.Equal((a, 2), (hall.Single(HallEventKind.WaitLimitPassed).Ticket, hall.Single(HallEventKind.WaitLimitPassed).Service));
    }

    [Fact]
    public void Tick_WaitLimit_TicketSentToWindowStillWatched()
    {
        // A ticket waiting in a window's own queue is still a citizen waiting; the manager should hear of it.
        var hall = Open(Small(d => d with { Services = [.. d.Services.Select(s => s.Id == 1 ? s with { WaitLimit = TimeSpan.FromMinutes(20) } : s)] }), 1, 2);
        hall.Issue(0);
        hall.Issue(0);
        hall.Serve(2, 0); // window 2 busy
        var a = hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        hall.Do(HallCommand.Tick(), 30);
        Assert.Contains(hall.Events(), e => e.Kind == HallEventKind.WaitLimitPassed && e.Ticket == a);
    }

    [Fact]
    public void Tick_WaitLimit_WindowClosedOverATicketInItsQueue_TheWaitGoesOnFromWhenItBegan()
    {
        // Transferred to window 2 at +1, the citizen waits there; at +10 its clerk closes it and the ticket goes back to
        // the item's queue, keeping its standing. The citizen never stopped waiting: the dashboard's longest wait goes
        // on from +1 and the 20-minute limit passes at +21 (it restarted at +10: 5 minutes shown at +15, alert at +30).
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1, 2);
        var a = hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.TransferToWindow(1, 2), 1);
        hall.Do(HallCommand.PauseWindow(1), 1);
        hall.Do(HallCommand.CloseWindow(2), 10);

        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 10));
        Assert.Equal(TimeSpan.FromMinutes(14), hall.ServiceView(1, 15).LongestWait);
        Assert.Equal(At(21), hall.NextDue);
        hall.Do(HallCommand.Tick(), 21);
        var e = hall.Single(HallEventKind.WaitLimitPassed);
        Assert.Equal((a, 20 * 60), (e.Ticket, e.Value));
    }

    [Fact]
    public void Tick_ServiceTimeLimit_AlertOnce()
    {
        var hall = Open(Limits(service: TimeSpan.FromMinutes(15)), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        Assert.Equal(At(16), hall.NextDue);
        hall.Do(HallCommand.Tick(), 15.9);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 16);
        var e = hall.Single(HallEventKind.ServiceTimePassed);
        Assert.Equal((a, 1, 900), (e.Ticket, e.Window, e.Value));
        hall.Do(HallCommand.Tick(), 30);
        Assert.Empty(hall.Events());
        Assert.Null(hall.NextDue);
    }

    [Fact]
    public void Tick_IdleLimit_WindowLeftOpenOvernight_NoTimerUntilTheDayOpens()
    {
        // A window left open after the evening's close was looked at every minute all night (each look a tick the shard
        // applies and a journal writes), though no ticket can wait until the day opens again.
        var hall = Open(Limits(idle: TimeSpan.FromMinutes(5)), 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 1);
        hall.Do(HallCommand.Tick(), 6);
        Assert.Empty(hall.Events());
        Assert.Null(hall.NextDue);

        // The next morning the idle limit counts from the opening, as before.
        hall.Do(HallCommand.OpenDay(), 600);
        Assert.Equal(At(605), hall.NextDue);
        hall.Issue(601);
        hall.Do(HallCommand.Tick(), 605);
        Assert.Equal((1, 300), (hall.Single(HallEventKind.IdleTimePassed).Window, hall.Single(HallEventKind.IdleTimePassed).Value));
    }

    [Fact]
    public void Tick_IdleLimit_AlertOncePerIdleSpellWhileTicketsWait()
    {
        var hall = Open(Limits(idle: TimeSpan.FromMinutes(5)), 1);
        hall.Do(HallCommand.Tick(), 6);
        Assert.Empty(hall.Events()); // idle, but nothing waits
        hall.Issue(6);
        hall.Issue(6);
        hall.Do(HallCommand.Tick(), 7);
        var e = hall.Single(HallEventKind.IdleTimePassed);
        Assert.Equal((1, 420), (e.Window, e.Value));
        hall.Do(HallCommand.Tick(), 9);
        Assert.Empty(hall.Events());
        hall.Serve(1, 10);
        hall.Do(HallCommand.Finish(1), 11); // a new idle spell
        hall.Do(HallCommand.Tick(), 15.9);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 16);
        Assert.Equal(1, hall.Single(HallEventKind.IdleTimePassed).Window);
    }

    [Fact]
    public void Tick_IdleLimit_PausedWindowNotAlerted()
    {
        var hall = Open(Limits(idle: TimeSpan.FromMinutes(5)), 1);
        hall.Issue(0);
        hall.Do(HallCommand.PauseWindow(1), 0);
        hall.Do(HallCommand.Tick(), 30);
        Assert.Empty(hall.Events());
    }

    [Fact]
    public void Tick_ParkedTicket_AutoResumesAfterThirtyMinutes()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Park(1), 5);
        Assert.Equal(At(35), hall.NextDue);
        hall.Do(HallCommand.Tick(), 34.9);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 35);
        Assert.Equal((a, 1), (hall.Single(HallEventKind.Resumed).Ticket, hall.Single(HallEventKind.Resumed).Window));
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 35));
        Assert.Equal(a, hall.Call(1, 36));
    }

    [Fact]
    public void Tick_AutoResumeOff_StaysParked()
    {
        var hall = Open(OneItem(d => d with { Park = new() { AutoResumeAfter = null } }), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Park(1), 5);
        hall.Do(HallCommand.Tick(), 500);
        Assert.Empty(hall.Events());
        Assert.Equal(TicketState.Parked, hall.StateOf(a, 500));
    }

    [Fact]
    public void Tick_AutoOverflowWindow_CallsOnceTicketBecomesEligible()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        var a = hall.Issue(0, 1);
        hall.Do(HallCommand.Tick(), 9.9);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), 10);
        var e = hall.Single(HallEventKind.TicketCalled);
        Assert.Equal((a, 3), (e.Ticket, e.Window));
    }

    [Fact]
    public void NextDue_AutoOverflowWindow_KnownAsSoonAsTicketArrives()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        hall.Issue(0, 1);
        Assert.Equal(At(10), hall.NextDue);
    }

    [Fact]
    public void NextDue_AfterTick_NextOverflowInstant()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        hall.Issue(0, 1);
        hall.Do(HallCommand.Tick(), 1);
        Assert.Equal(At(10), hall.NextDue);
    }

    [Fact]
    public void NextDue_NothingPending_Null()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        Assert.Null(hall.NextDue);
        hall.Do(HallCommand.Tick(), 1);
        Assert.Null(hall.NextDue);
    }

    [Fact]
    public void NextDue_EarliestOfSeveral()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20), service: TimeSpan.FromMinutes(8)), 1);
        hall.Issue(0);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Tick(), 2);
        Assert.Equal(At(9), hall.NextDue);
        hall.Do(HallCommand.Tick(), 9);
        Assert.Equal(At(20), hall.NextDue);
    }

    [Fact]
    public void Tick_NothingDue_NoEventsSequenceUnchanged()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        var seq = hall.Sequence;
        var r = hall.Do(HallCommand.Tick(), 5);
        Assert.Empty(hall.Events());
        Assert.Equal(seq, r.Sequence);
    }

    [Fact]
    public void Tick_IdlePastItsLimitWhileNothingWaits_AlertsOnceATicketComes()
    {
        var d = Small(d => d with { WindowIdleLimit = TimeSpan.FromMinutes(5), Services = [.. d.Services.Select(s => s with { ServiceTimeLimit = TimeSpan.FromMinutes(3) })] });
        var hall = Open(d, 1, 3);
        hall.Issue(0, 3);
        hall.Serve(3, 0); // window 3 busy: its service-time timer runs beside window 1's idle timer
        hall.Do(HallCommand.Tick(), 6); // window 1 is past its limit, but nothing it may serve waits: no alert yet
        Assert.DoesNotContain(HallEventKind.IdleTimePassed, hall.Kinds());
        hall.Issue(7, 1);
        Assert.NotNull(hall.NextDue); // the idle window is still watched, whatever other timers did
        hall.Do(HallCommand.Tick(), hall.NextDue!.Value.Subtract(OperationFixtures.T0).TotalMinutes);
        var e = hall.Single(HallEventKind.IdleTimePassed);
        Assert.Equal(1, e.Window);
    }
}
