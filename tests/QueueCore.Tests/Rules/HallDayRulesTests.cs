using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md "Hall day" and docs/dispatch.md "The day": closing policies, extended service, numbering reset.</summary>
public class HallDayRulesTests
{
    private static HallDefinition TwoItems() => Define(2, Window(1, 1, 2), Window(2, 1, 2));

    [Fact]
    public void CloseDay_CancelWaiting_CancelsWaitingAndParked_TicketsAtWindowsFinishButDoNotWaitAgain()
    {
        var hall = Open(TwoItems(), windows: [1, 2]);
        var visit = hall.Issue(0, items: new ServiceItemList([1, 2]));
        var parked = hall.Issue(1);
        var waiting = hall.Issue(2);
        Assert.Equal(visit, hall.Next(1, 3));
        hall.Ok(HallCommand.StartServing(1), 3);
        Assert.Equal(parked, hall.Next(2, 3));
        hall.Ok(HallCommand.StartServing(2), 3);
        hall.Ok(HallCommand.Park(2), 4);

        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 10);

        Assert.Equal(TicketState.Cancelled, hall.StateOf(waiting, 10));
        Assert.Equal(TicketState.Cancelled, hall.StateOf(parked, 10));
        Assert.Equal(TicketState.Serving, hall.StateOf(visit, 10));
        Assert.False(hall.Try(HallCommand.TransferToService(1, 2), 11).IsSuccess); // nothing waits again
        hall.Done(1, 12);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(visit, 12)); // its next item is cancelled, not queued
        Assert.Equal(0, hall.Try(HallCommand.IssueTicket(1), 12).Ticket);
    }

    [Fact]
    public void CloseDay_CancelWaiting_ACalledTicketsNoShowDropsIt()
    {
        var def = TwoItems() with { NoShow = new NoShowPolicy { PauseWindowAfter = 0, MaxNoShows = 5 } };
        var hall = Open(def, windows: 1);
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 2);

        hall.Ok(HallCommand.NoShow(1), 3);

        Assert.Equal(TicketState.NoShow, hall.StateOf(t, 3));
    }

    [Fact]
    public void CloseDay_ServeRemaining_StopsIssuingButWindowsServeOnInOrder()
    {
        var hall = Open(TwoItems(), windows: 1);
        var n = hall.Issue(0);
        var e = hall.Issue(5, age: 70);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 6);

        var refused = hall.Try(HallCommand.IssueTicket(1), 7);
        Assert.False(refused.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal([e, n], hall.Drain(1, 8, 2));
    }

    [Fact]
    public void OpenDay_WhileATicketOfThePreviousDayIsLive_IsRefused_ThenNumberingRestarts()
    {
        var hall = Open(TwoItems(), windows: 1);
        var first = hall.Ok(HallCommand.IssueTicket(1), 0);
        var second = hall.Issue(1);
        Assert.Equal("A001", first.Number.ToString());
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 10);
        hall.Drain(1, 11, 1);

        var early = hall.Try(HallCommand.OpenDay(), 12); // A002 still waits: A001 could be given twice
        Assert.Equal(QueueError.DayWrongState, early.Error);
        Assert.Contains("A002", early.Message, StringComparison.Ordinal);

        hall.Drain(1, 13, 1);
        Assert.Equal(TicketState.Completed, hall.StateOf(second, 13));
        hall.Ok(HallCommand.CloseDay(), 14);
        hall.Ok(HallCommand.OpenDay(), 24 * 60);
        Assert.Equal("A001", hall.Ok(HallCommand.IssueTicket(1), 24 * 60).Number.ToString());
    }

    [Fact]
    public void IssueTicket_Position_CountsTicketsTheWindowThenCallsFirst()
    {
        var hall = Open(TwoItems(), windows: 1);
        var positions = new Dictionary<long, int>();
        void Take(double m, byte age = 0, TicketFlags flags = TicketFlags.None)
        {
            var r = hall.Ok(HallCommand.IssueTicket(1, age, flags), m);
            positions[r.Ticket] = r.Position;
        }

        Take(0);
        Take(1);
        Take(2, age: 70); // ranks as if at -8: ahead of both
        Take(3, flags: TicketFlags.KeyEnterprise); // as if at -2: behind the elderly one, ahead of both normal ones
        Take(4);

        var order = hall.Drain(1, 5, 5);
        // Nothing was called before the last issue, so each ticket's position at issue is the number of the tickets
        // already waiting that the window then calls before it.
        foreach (var (ticket, position) in positions)
        {
            var issuedBefore = positions.Keys.TakeWhile(k => k != ticket).ToHashSet();
            Assert.Equal(order.TakeWhile(t => t != ticket).Count(issuedBefore.Contains), position);
        }
    }

    [Theory]
    [InlineData(10.0)] // equal standing with the normal ticket issued at 0: the earlier issue goes first
    [InlineData(9.999)] // passes it
    public void IssueTicket_PositionAtTheHeadStartBoundary_AgreesWithTheCallOrder(double elderlyAt)
    {
        var hall = Open(TwoItems(), windows: 1);
        var normal = hall.Issue(0);
        hall.Issue(0); // a second normal ticket at the same instant
        var elderly = hall.Ok(HallCommand.IssueTicket(1, age: 70), elderlyAt);

        var order = hall.Drain(1, 11, 3);

        Assert.Equal(order.IndexOf(elderly.Ticket), elderly.Position);
        Assert.Equal(elderlyAt < 10 ? 0 : 2, elderly.Position);
        Assert.Equal(normal, order[elderlyAt < 10 ? 1 : 0]);
    }

    [Fact]
    public void CloseDay_CancelWaitingDuringExtendedService_EndsIt()
    {
        var hall = Open(TwoItems(), windows: 1);
        var t = hall.Issue(0);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 1);
        Assert.Equal(QueueError.DayWrongState, hall.Try(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2).Error);

        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 2);

        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 2));
        hall.Ok(HallCommand.OpenDay(), 3); // nothing of the day before is live
    }
}
