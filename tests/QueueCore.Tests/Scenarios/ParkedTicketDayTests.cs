namespace QueueCore.Tests.Scenarios;

/// <summary>
/// Citizens sent away for a missing document, played on the engine's clock: a return while the clerk who parked them
/// is at lunch, and a day that closes with tickets still parked.
/// </summary>
public class ParkedTicketDayTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "parking",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "Household registration", ExpectedHandlingTime = TimeSpan.FromMinutes(5), WaitLimit = TimeSpan.FromMinutes(20) }],
        Windows = [.. Enumerable.Range(1, 2).Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }], AutoAssign = true })],
        Priority = new PriorityPolicy { MaxWait = null },
    };

    private static async Task<long> IssueAsync(HallDay day) => (await day.DoAsync(HallCommand.IssueTicket(1))).Ticket;

    [Fact]
    public async Task Park_ReturnsWhileItsWindowIsAtLunch_WaitsForThatClerkAloneAndIsCalledFirstOnTheirReturn()
    {
        await using var day = new HallDay(Hall());
        await day.DoAsync(HallCommand.OpenDay());
        await day.DoAsync(HallCommand.OpenWindow(1, clerk: 11));
        await day.DoAsync(HallCommand.OpenWindow(2, clerk: 12));
        var parked = await IssueAsync(day); // called to window 1
        var t2 = await IssueAsync(day);     // called to window 2
        await day.DoAsync(HallCommand.StartServing(1));
        await day.DoAsync(HallCommand.StartServing(2));
        await day.RunToAsync(1);
        var t3 = await IssueAsync(day);
        var t4 = await IssueAsync(day);

        await day.RunToAsync(5); // the citizen at window 1 lacks a document: back at +25
        await day.DoAsync(HallCommand.Park(1, "ID copy", HallDay.At(25)));
        Assert.Equal(t3, (await day.SnapshotAsync()).Windows.Single(w => w.Window == 1).Ticket);
        await day.DoAsync(HallCommand.StartServing(1));
        await day.RunToAsync(8);
        await day.DoAsync(HallCommand.Finish(2)); // window 2 calls t4
        await day.DoAsync(HallCommand.StartServing(2));
        await day.RunToAsync(12);
        await day.DoAsync(HallCommand.FinishAndPause(1, "lunch")); // window 1's clerk goes to lunch until +50
        await day.RunToAsync(15);
        var t5 = await IssueAsync(day);
        var t6 = await IssueAsync(day);
        await day.RunToAsync(20);
        await day.DoAsync(HallCommand.Finish(2)); // calls t5
        await day.DoAsync(HallCommand.StartServing(2));

        await day.RunToAsync(25); // the citizen comes back: to window 1, whose clerk is away
        var back = Assert.Single(day.Of(HallEventKind.Resumed));
        Assert.Equal((parked, 25.0), (back.Ticket, (back.Time - HallDay.Opening).TotalMinutes));
        var snapshot = await day.SnapshotAsync();
        Assert.Equal(1, snapshot.Windows.Single(w => w.Window == 1).QueueLength);
        var query = await day.DoAsync(HallCommand.QueryTicket(parked));
        Assert.Equal(TicketState.Waiting, query.State);
        // One whole average service (as measured today): nobody calls it until the clerk is back.
        Assert.Equal(snapshot.Services.Single().AverageHandlingTime, query.EstimatedWait);

        await day.RunToAsync(26);
        await day.DoAsync(HallCommand.Finish(2)); // window 2 takes the next in the item's queue, not window 1's returned citizen
        Assert.Equal(t6, (await day.SnapshotAsync()).Windows.Single(w => w.Window == 2).Ticket);
        await day.DoAsync(HallCommand.StartServing(2));
        await day.RunToAsync(31);
        await day.DoAsync(HallCommand.Finish(2)); // nothing else waits for the item: window 2 stays idle
        Assert.Equal(WindowState.Idle, (await day.SnapshotAsync()).Windows.Single(w => w.Window == 2).State);

        await day.RunToAsync(50);
        var alert = Assert.Single(day.Of(HallEventKind.WaitLimitPassed), e => e.Ticket == parked); // the manager heard of the wait
        Assert.InRange((alert.Time - HallDay.Opening).TotalMinutes, 25, 50);
        var t7 = await IssueAsync(day); // called to idle window 2 at once
        await day.DoAsync(HallCommand.ResumeWindow(1));
        Assert.Equal(parked, (await day.SnapshotAsync()).Windows.Single(w => w.Window == 1).Ticket);
        await day.DoAsync(HallCommand.StartServing(1));
        await day.RunToAsync(55);
        await day.DoAsync(HallCommand.Finish(1));
        await day.DoAsync(HallCommand.StartServing(2));
        await day.DoAsync(HallCommand.Finish(2));

        day.AssertNoTicketLostOrServedTwice();
        Assert.Equal([parked, t2, t3, t4, t5, t6, t7, parked], day.Calls().Select(c => c.Ticket));
        Assert.Equal([1, 2, 1, 2, 2, 2, 2, 1], day.Calls().Select(c => c.Window));
    }

    [Fact]
    public async Task CloseDay_ServeRemainingWithTicketsParked_TheyComeBackAndAreServedAndTheNextDayWaitsForThem()
    {
        await using var day = new HallDay(Hall());
        await day.DoAsync(HallCommand.OpenDay());
        await day.DoAsync(HallCommand.OpenWindow(1, clerk: 11));
        await day.DoAsync(HallCommand.OpenWindow(2, clerk: 12));
        var t = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            t.Add(await IssueAsync(day));
        }

        await day.DoAsync(HallCommand.StartServing(1));
        await day.DoAsync(HallCommand.StartServing(2));
        await day.RunToAsync(50);
        await day.DoAsync(HallCommand.Park(1, "bank statement", HallDay.At(70))); // window 1 calls t[2]
        await day.DoAsync(HallCommand.Park(2, "photo")); // back by itself after 30 min, at +80; window 2 calls t[3]
        await day.DoAsync(HallCommand.StartServing(1));
        await day.DoAsync(HallCommand.StartServing(2));

        await day.RunToAsync(60);
        await day.DoAsync(HallCommand.CloseDay(DayClosePolicy.ServeRemaining));
        await day.RefusedAsync(HallCommand.IssueTicket(1), QueueError.Closed);
        await day.DoAsync(HallCommand.Finish(1)); // t[4]
        await day.DoAsync(HallCommand.StartServing(1));
        await day.DoAsync(HallCommand.Finish(2)); // nothing waits
        await day.RunToAsync(65);
        await day.DoAsync(HallCommand.Finish(1));
        await day.RefusedAsync(HallCommand.OpenDay(), QueueError.DayWrongState); // two citizens still away with their numbers

        await Clerks.PlayAsync(day, 120, _ => [], _ => 5);
        var calls = day.Calls();
        Assert.Contains((t[0], 1, 70.0), calls.Select(c => (c.Ticket, c.Window, c.Minute))); // back to the window that parked it
        Assert.Contains((t[1], 2, 80.0), calls.Select(c => (c.Ticket, c.Window, c.Minute)));
        day.AssertNoTicketLostOrServedTwice();
        Assert.Equal(5, day.Of(HallEventKind.TicketCompleted).Count());

        await day.DoAsync(HallCommand.OpenDay()); // everyone served: the next day starts again at A001
        var first = await day.DoAsync(HallCommand.IssueTicket(1));
        Assert.Equal("A001", first.Number.ToString());
    }

    [Fact]
    public async Task CloseDay_CancelWaitingWithTicketsParked_ParkedAndWaitingCancelledServiceUnderWayFinishes()
    {
        await using var day = new HallDay(Hall());
        await day.DoAsync(HallCommand.OpenDay());
        await day.DoAsync(HallCommand.OpenWindow(1, clerk: 11));
        var t = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            t.Add(await IssueAsync(day));
        }

        await day.DoAsync(HallCommand.StartServing(1));
        await day.RunToAsync(10);
        await day.DoAsync(HallCommand.Park(1, "signature")); // calls t[1]
        await day.DoAsync(HallCommand.StartServing(1));
        await day.RunToAsync(20);
        await day.DoAsync(HallCommand.CloseDay(DayClosePolicy.CancelWaiting));
        var cancelled = day.Of(HallEventKind.Cancelled).ToList();
        Assert.Equal([t[0], t[2], t[3]], cancelled.Select(e => e.Ticket).Order());
        Assert.All(cancelled, e => Assert.Equal((int)CancelCause.DayClosed, e.Value));
        await day.RefusedAsync(HallCommand.Park(1, "another document"), QueueError.DayWrongState);
        await day.DoAsync(HallCommand.Finish(1));
        await day.RunToAsync(60); // the parked ticket's return time passes: nothing comes back
        Assert.Empty(day.Of(HallEventKind.Resumed));
        day.AssertNoTicketLostOrServedTwice();
        await day.DoAsync(HallCommand.OpenDay());
        Assert.Equal("A001", (await day.DoAsync(HallCommand.IssueTicket(1))).Number.ToString());
    }
}
