using Microsoft.Extensions.Time.Testing;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// The queue views of a hall used without the engine stand at the instant they are asked for, as a snapshot does: they
/// stood at the hall's last command, so an overflow ticket already callable by the clock was listed "eligible later"
/// (and overdue tickets not overdue) until the next command or tick.
/// </summary>
public class QueueViewClockTests
{
    [Fact]
    public void GetWindowQueue_TimePassedSinceTheLastCommand_ToldAsOfTheInstantAsked()
    {
        // Window 3 takes item 1 as overflow after 10 minutes; the ticket is issued at 0 and nothing happens until 15.
        var clock = new FakeTimeProvider(T0);
        var hall = Open(Small(), 3);
        var ticket = hall.Apply(HallCommand.IssueTicket(1), clock.GetUtcNow()).Ticket;
        var before = Fingerprint(hall);

        clock.Advance(TimeSpan.FromMinutes(15));
        var view = hall.GetWindowQueue(3, clock.GetUtcNow());

        var entry = Assert.Single(view.Tickets);
        Assert.Equal((ticket, QueueReason.Overflow, (DateTimeOffset?)null), (entry.Ticket, entry.Reason, entry.EligibleAt));
        Assert.Equal(TimeSpan.FromMinutes(15), entry.Waited);
        Assert.Equal(clock.GetUtcNow(), view.Time);
        Assert.Equal(TimeSpan.FromMinutes(15), Assert.Single(hall.GetServiceQueue(1, clock.GetUtcNow()).Tickets).Waited);
        Assert.Equal(T0, hall.Now); // a view changes nothing: the hall's clock and state are as they were
        Assert.Equal(before, Fingerprint(hall));
        Assert.Equal(ticket, hall.Apply(HallCommand.CallNext(3), clock.GetUtcNow()).Ticket); // the view is what the window does
    }

    [Fact]
    public void GetWindowQueue_AskedForAnInstantBeforeTheHallsClock_StandsAtTheHallsClock()
    {
        // A stepped wall clock: the hall's time never goes back, so neither does a view's.
        var hall = Open(Small(), 3);
        var ticket = hall.Issue(0, 1);
        hall.Do(HallCommand.Tick(), 12);

        var view = hall.GetWindowQueue(3, At(5));

        Assert.Equal((ticket, QueueReason.Overflow), (view.Tickets[0].Ticket, view.Tickets[0].Reason));
        Assert.Equal(At(12), view.Time);
        Assert.Equal(At(12), hall.GetServiceQueue(1, At(5)).Time);
    }

    [Fact]
    public void CallNext_OverdueTicketOfAnOverflowItem_WaitsForTheWindowsDelayAsDocumented()
    {
        // The documented rule (PriorityPolicy.MaxWait, WindowSkill.OverflowDelay, README "How dispatch decides"): the
        // maximum wait changes the order among the tickets a window may take, not which it may take.
        var hall = Open(Small(d => d with { Priority = d.Priority with { MaxWait = TimeSpan.FromMinutes(5) } }), 3);
        var ticket = hall.Issue(0, 1);

        var entry = Assert.Single(hall.GetWindowQueue(3, At(6)).Tickets);
        Assert.Equal((ticket, QueueReason.OverflowLater, At(10)), (entry.Ticket, entry.Reason, entry.EligibleAt));
        hall.Reject(HallCommand.CallNext(3), 6, QueueError.NothingWaiting);
        Assert.Equal(ticket, hall.Call(3, 10));
    }
}
